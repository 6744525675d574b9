#!/usr/bin/env node
// Runs the TypeScript CLI from a checkout, so `npx chatlens` works without a build step. tsx is
// registered in this very process (no child process): SIGTERM and SIGINT from a process manager
// reach the server's own handlers, which close it gracefully, and nothing is left running.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
