#!/usr/bin/env node
// The `chatlens` command: the CLI built to JavaScript (dist/), run in this very process — no
// TypeScript loader, no child process, so SIGTERM and SIGINT from a process manager reach the
// server's own handlers and nothing is left running. `npm ci` / `npm install` build dist/ (the
// `prepare` script); a checkout without it says how to build instead of failing obscurely.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('chatlens: the CLI is not built (dist/cli/index.js is missing). Run `npm run build` (npm ci and npm install run it).\n');
  process.exit(1);
}
await import(cli.href);
