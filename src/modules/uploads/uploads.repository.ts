import type { Insertable, Transaction } from 'kysely';
import type { DB, Executor } from '../../db/database.js';

export async function findUpload(db: Executor, companyId: number, id: number) {
  return db.selectFrom('uploads').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

/** An earlier upload of the same content that did not fail: re-sending it is a duplicate. */
export async function findBySha(db: Executor, companyId: number, sha256: string) {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('sha256', '=', sha256)
    .where('status', '!=', 'failed')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function listUploads(db: Executor, companyId: number, limit: number) {
  return db.selectFrom('uploads').selectAll().where('company_id', '=', companyId).orderBy('id', 'desc').limit(limit).execute();
}

export async function insertUpload(trx: Transaction<DB>, row: Insertable<DB['uploads']>): Promise<number> {
  const r = await trx.insertInto('uploads').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}
