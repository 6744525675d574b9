import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { IdParam, errorResponses } from '../../http/schemas.js';
import { addDays, dayOf } from '../../lib/time.js';
import { FlaggedTurnSchema } from '../findings/findings.js';
import { MissedBodySchema, MissedFindingSchema, PrecisionReportSchema, ReviewBodySchema, ReviewQueuePageSchema } from './reviews.js';
import { type Reviewer, flagMissed, precision, reviewQueue, setFindingReview } from './reviews.service.js';

/** A message's id in a path: the chat product's own string. */
const MessageIdParam = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'The message id the chat product chose.' });

function reviewer(request: FastifyRequest): Reviewer {
  const p = request.principal!;
  return p.kind === 'account' ? `account:${p.accountId}` : `key:${p.keyId}`;
}

export const reviewsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.put(
    '/api/findings/:id/review',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'reviewFinding',
        tags: ['reviews'],
        summary: 'Confirm or dismiss a finding, with an optional note',
        description:
          'A dismissed finding stops counting at once in the trends (its day’s issues, subtype and, when it was the turn’s last finding of its category, the flagged turns), in `GET /api/findings` and in the monitor’s counts and filters. Confirming a dismissed finding, or removing the review, counts it again.',
        params: Type.Object({ id: IdParam }),
        body: ReviewBodySchema,
        response: { 200: FlaggedTurnSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setFindingReview(db, request.companyId, request.params.id, { status: request.body.status, note: request.body.note ?? null }, reviewer(request)),
  );

  app.delete(
    '/api/findings/:id/review',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'clearFindingReview',
        tags: ['reviews'],
        summary: 'Remove a finding’s review: it awaits review again (and counts again if it was dismissed)',
        params: Type.Object({ id: IdParam }),
        response: { 200: FlaggedTurnSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setFindingReview(db, request.companyId, request.params.id, { status: null }, reviewer(request)),
  );

  app.post(
    '/api/messages/:id/missed',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'flagMissedTurn',
        tags: ['reviews'],
        summary: 'Flag a turn the engine missed: subtype and span, kept as a labelled example',
        description: 'Missed turns do not change the trends (those count the engine’s findings); they count in the precision report’s `missed` and are exported as positives by `chatlens eval --export-reviewed`.',
        params: Type.Object({ id: MessageIdParam }),
        body: MissedBodySchema,
        response: { 201: MissedFindingSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const missed = await flagMissed(db, request.companyId, request.params.id, request.body, reviewer(request));
      return reply.code(201).send(missed);
    },
  );

  app.get(
    '/api/reviews/queue',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'listReviewQueue',
        tags: ['reviews'],
        summary: 'Findings awaiting review: most severe first, then newest',
        querystring: Type.Object({
          days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Number of UTC days to look back (1–365).' }),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Findings per page (1–100).' }),
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$', description: 'Finding id to start after (the previous nextCursor).' })),
        }),
        response: { 200: ReviewQueuePageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => reviewQueue(db, request.companyId, { days: request.query.days, limit: request.query.limit, cursor: request.query.cursor ?? null }),
  );

  app.get(
    '/api/reviews/precision',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'getReviewPrecision',
        tags: ['reviews'],
        summary: 'Measured precision per detector (subtype) from analysts’ reviews over a period',
        description: 'Over the findings whose turns fall in the `days` UTC days ending today: confirmed / (confirmed + dismissed) per subtype, with the missed turns analysts flagged.',
        querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Number of days (1–365).' }) }),
        response: { 200: PrecisionReportSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const to = dayOf(new Date());
      return precision(db, request.companyId, { from: addDays(to, -(request.query.days - 1)), to });
    },
  );
};
