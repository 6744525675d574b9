// The worker for runs from TypeScript source (tsx, vitest): a worker thread does not inherit its
// parent's loader, so this registers tsx, then loads worker.ts. Built code uses worker.js instead.
// Calling register() when tsx is already active is harmless.
import { register } from 'tsx/esm/api';

register();
const { default: analyze } = await import('./worker.ts');

export default analyze;
