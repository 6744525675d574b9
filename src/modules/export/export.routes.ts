/** `GET /api/export/sessions`: a streamed download (analysts and admins). */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { ExportQuerySchema } from './export.js';
import { exportCsv, exportJsonl, exportQuery } from './export.service.js';

export const exportRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/export/sessions',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'exportSessions',
        tags: ['export'],
        summary: 'Sessions created in a window, with their messages and findings, as JSONL or CSV (streamed)',
        description: 'Streamed as it is read, in keyset pages: a year of traffic exports without the server holding it in memory. An error after the first bytes ends the download early (a truncated file), never silently.',
        querystring: ExportQuerySchema,
        response: { 200: { description: 'The export file.', type: 'string' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const q = exportQuery(request.query);
      const name = `chatlens-sessions-${q.start_date}-to-${q.end_date}.${q.format}`;
      const lines = q.format === 'csv' ? exportCsv(db, request.companyId, q) : exportJsonl(db, request.companyId, q);
      const stream = Readable.from(lines, { objectMode: false });
      stream.on('error', (err) => request.log.error({ err }, 'export failed after it started; the download was cut short'));
      reply
        .header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      return reply.send(stream);
    },
  );
};
