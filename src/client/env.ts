/**
 * The SDK's defaults from the environment: `CHATLENS_URL` and `CHATLENS_API_KEY`.
 *
 * The rule that only src/config.ts reads the environment is the server's: its settings are parsed
 * once, in one place. The SDK runs inside other people's programs — Node, Deno, Bun or a browser —
 * cannot import the server's config (Node-only), and reads exactly these two names, here and
 * nowhere else. In a browser there is no `process`: nothing is read and the options must be given.
 */
type EnvName = 'CHATLENS_URL' | 'CHATLENS_API_KEY';

export function fromEnvironment(name: EnvName): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}
