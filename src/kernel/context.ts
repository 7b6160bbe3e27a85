/**
 * What core code gets from the outside world: the clock, randomness, and (in later layers)
 * trust anchors and the registry. Tests freeze the clock; core code never calls `new Date()`.
 */
import { randomBytes } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export interface Context {
  readonly clock: Clock;
  readonly random: (n: number) => Uint8Array;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const d = typeof at === 'string' ? new Date(at) : at;
  return { now: () => new Date(d.getTime()) };
}

export function defaultContext(overrides: Partial<Context> = {}): Context {
  return {
    clock: overrides.clock ?? systemClock,
    random: overrides.random ?? ((n) => new Uint8Array(randomBytes(n))),
  };
}
