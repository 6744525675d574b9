/**
 * The Python client (clients/python) is tested by its own pytest suite, which starts a real
 * Chatlens server; this runs it as part of `npm test`. pandas and pytest come from Debian packages
 * (PyPI is unreachable from CI), so the interpreter must be the one they belong to: the first
 * `python3` on PATH may be another one (pyenv), hence the search below.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CANDIDATES = ['/usr/bin/python3', 'python3', 'python'];
const NEEDS = ['pandas', 'pytest', 'pip', 'setuptools'];
const INSTALL_HINT = 'apt-get install -y python3-pandas python3-pytest python3-pip python3-setuptools';

/** The first interpreter that can import what the suite needs. */
function findPython(): string | null {
  for (const candidate of CANDIDATES) {
    // find_spec, not import: importing setuptools next to pandas trips its distutils shim.
    const probe = `import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in ${JSON.stringify(NEEDS)}) else 1)`;
    const r = spawnSync(candidate, ['-c', probe], { stdio: 'ignore', timeout: 30_000 });
    if (r.status === 0) return candidate;
  }
  return null;
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('Python client', () => {
  it('passes its pytest suite against a real server', async () => {
    const python = findPython();
    if (!python) {
      throw new Error(
        `No Python interpreter with ${NEEDS.join(', ')} (tried ${CANDIDATES.join(', ')}): the Python client's tests need them. ` +
          `Install the Debian packages (\`${INSTALL_HINT}\`); PyPI is not used.`,
      );
    }
    // -B and no cache provider: the run leaves no __pycache__ or .pytest_cache in the checkout.
    const r = await run(python, ['-B', '-m', 'pytest', 'clients/python/tests', '-q', '-p', 'no:cacheprovider']);
    if (r.code !== 0) throw new Error(`pytest failed (exit ${r.code}) with ${python}:\n${r.output}`);
    expect(r.output).toMatch(/\d+ passed/);
    expect(r.output).not.toMatch(/\d+ (failed|error|skipped)/);
  }, 180_000);
});
