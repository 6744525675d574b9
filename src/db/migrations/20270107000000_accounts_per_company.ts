import type { Kysely } from 'kysely';

/**
 * An email is unique within a company, not across companies (issue 9 item 13): with one global
 * index, a company admin adding a member learnt from the 409 that the address had an account
 * elsewhere. Sign-in finds the account by email and password (src/modules/auth/auth.service.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('accounts_email').execute();
  await db.schema.createIndex('accounts_company_email').on('accounts').columns(['company_id', 'email']).unique().execute();
  await db.schema.createIndex('accounts_email').on('accounts').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('accounts_email').execute();
  await db.schema.dropIndex('accounts_company_email').execute();
  await db.schema.createIndex('accounts_email').on('accounts').column('email').unique().execute();
}
