/**
 * Role names, in a module that imports nothing: the CLI declares its options with them, and
 * `chatlens --help` must not load the schema library to print them.
 */
export const KEY_ROLES = ['admin', 'analyst', 'ingest'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];
export const ACCOUNT_ROLES = ['admin', 'analyst'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
