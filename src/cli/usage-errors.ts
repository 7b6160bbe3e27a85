/**
 * Commander's parse errors, in the user's language, as one line. Commander reports in English
 * with a stable `code`; we keep the token it quotes and say the rest ourselves.
 */
import type { Lang } from '../kernel/index.js';

const TEXT: Record<string, Record<Lang, string>> = {
  'commander.unknownOption': { vi: 'Tùy chọn không hợp lệ: {x}', en: 'Unknown option: {x}' },
  'commander.unknownCommand': { vi: 'Không có lệnh {x}', en: 'Unknown command: {x}' },
  'commander.missingArgument': {
    vi: 'Thiếu tham số bắt buộc {x}',
    en: 'Missing required argument {x}',
  },
  'commander.optionMissingArgument': {
    vi: 'Tùy chọn {x} cần một giá trị',
    en: 'Option {x} needs a value',
  },
  'commander.missingMandatoryOptionValue': {
    vi: 'Thiếu tùy chọn bắt buộc {x}',
    en: 'Missing required option {x}',
  },
  'commander.excessArguments': { vi: 'Thừa tham số', en: 'Too many arguments' },
  'commander.invalidArgument': { vi: 'Giá trị không hợp lệ: {x}', en: 'Invalid value: {x}' },
};

export function usageMessage(code: string, commanderMessage: string, lang: Lang): string {
  const template = TEXT[code]?.[lang];
  const plain = commanderMessage.replace(/^error:\s*/, '');
  if (!template) return plain;
  const quoted = /'([^']+)'/.exec(plain)?.[1] ?? '';
  return (
    template.replace('{x}', quoted) + (code === 'commander.invalidArgument' ? ` (${plain})` : '')
  );
}
