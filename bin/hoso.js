#!/usr/bin/env node
// Thin shim: the CLI lives in dist/bundle/main.js, built from src/ by `npm install` / `npm run build`
// (tsc into dist/, then scripts/bundle.mjs: a few files for Node to load instead of two hundred).
import { main } from '../dist/bundle/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`hoso: internal error: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 70;
  },
);
