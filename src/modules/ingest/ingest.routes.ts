import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SessionIdParam, errorResponses } from '../../http/schemas.js';
import { EventResultSchema, type IngestDeps, LiveTurnBodySchema, LiveTurnResponseSchema, MAX_EVENTS } from './ingest.js';
import { ingestEvents, recordLiveTurn } from './ingest.service.js';

export const ingestRoutes: FastifyPluginAsyncTypebox<{ deps: IngestDeps }> = async (app, { deps }) => {
  app.post(
    '/api/ingest',
    {
      config: { auth: 'ingest', tenant: 'company' },
      schema: {
        operationId: 'ingestEvents',
        tags: ['ingest'],
        summary: 'Send chat events (sessions, messages, feedback, connections)',
        description:
          'The accepted events of a request commit together in one transaction; each event is checked before anything is written, so a rejected event never costs the good ones, and an event id seen before is a duplicate, never stored twice. Results come in the order received.',
        body: Type.Object({
          events: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: MAX_EVENTS, description: 'Up to 1,000 events.' }),
        }),
        response: { 200: Type.Object({ results: Type.Array(EventResultSchema) }), ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      return { results: await ingestEvents(deps, request.companyId, request.body.events) };
    },
  );

  app.post(
    '/api/sessions/:id/messages',
    {
      config: { auth: 'ingest', tenant: 'company' },
      schema: {
        operationId: 'recordLiveTurn',
        tags: ['ingest'],
        summary: 'Record one live turn and get its findings at once',
        description:
          'Stores the message (starting the session if new), analyses it inline and answers with the findings and the session state, so the chat product knows at once when the session was ended for a violation. Re-sending the same messageId returns the stored turn (200).',
        params: Type.Object({ id: SessionIdParam }),
        body: LiveTurnBodySchema,
        response: { 200: LiveTurnResponseSchema, 201: LiveTurnResponseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { created, turn } = await recordLiveTurn(deps, request.companyId, request.params.id, request.body);
      reply.code(created ? 201 : 200);
      return {
        message: { id: turn.messageId, sessionId: turn.sessionId, analyzed: turn.analyzed },
        findings: turn.findings,
        session: turn.session,
      };
    },
  );
};
