/**
 * Builds dist/ before any test runs: the CLI tests, the Python client's tests and the package test
 * run `bin/chatlens.js`, which runs the built JavaScript. `tsc -b` is incremental (about 0.1 s when
 * nothing changed), so no test ever runs a build older than the source.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
