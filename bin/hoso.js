#!/usr/bin/env node
// Thin shim: the CLI lives in dist/cli/main.js (built from src/ by `npm install` / `npm run build`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`hoso: internal error: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 70;
  },
);
