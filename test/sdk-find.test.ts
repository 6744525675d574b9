/** The SDK's finding and reviewing calls against the real server (issue 14). Both databases. */
import { describe, expect, it } from 'vitest';
import { BadRequestError, ChatlensClient, NotFoundError } from '../src/client/index.js';
import { newTenant, sentAgo, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('SDK: search and reviews on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  it('searches with filters, reads an end user, reviews through chatlens.reviews', async () => {
    const t = await newTenant(ctx.db);
    const ingest = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    await ingest.ingest([
      { id: 'a', type: 'session.started', timestamp: sentAgo(30), sessionId: 's1', userId: 'u1' },
      { id: 'b', type: 'message', timestamp: sentAgo(29), sessionId: 's1', messageId: 'm1', role: 'assistant', content: 'Your refund is late [[PROFANITY:low]]' },
      { id: 'c', type: 'message', timestamp: sentAgo(10), sessionId: 's2', messageId: 'm2', role: 'user', content: 'Where is my refund?' },
      ...Array.from({ length: 25 }, (_, i) => ({ id: `x${i}`, type: 'message' as const, timestamp: sentAgo(60 + i), sessionId: `old${i}`, messageId: `o${i}`, role: 'user' as const, content: 'refund please' })),
    ]);
    const sdk = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst });
    const all: string[] = [];
    for await (const s of sdk.searchSessions({ q: 'refund', limit: 10 })) all.push(s.id);
    expect(all).toHaveLength(27);
    expect(all.slice(0, 2)).toEqual(['s2', 's1']);
    const flagged: string[] = [];
    for await (const s of sdk.monitorSessions({ since: sentAgo(120), hasFindings: true, category: 'toxicity' })) flagged.push(s.id);
    expect(flagged).toEqual(['s1']);
    expect(await sdk.endUser('u1')).toMatchObject({ userId: 'u1', sessionCount: 1, findingCount: 1 });

    const queue = await sdk.reviews.queue({ limit: 5 });
    expect(queue.pending).toBe(1);
    const f = queue.findings[0];
    expect((await sdk.reviews.review(f.id, 'dismissed', 'not swearing')).review).toMatchObject({ status: 'dismissed', note: 'not swearing' });
    expect((await sdk.trends(2)).subtypeBreakdown.toxicity.PROFANITY).toBe(0);
    expect((await sdk.reviews.review(f.id, null)).review).toBeNull();
    expect((await sdk.trends(2)).subtypeBreakdown.toxicity.PROFANITY).toBe(1);
    const missed = await sdk.reviews.flagMissed('m2', { subtype: 'CONDESCENSION', start: 0, end: 5 });
    expect(missed.spans[0].text).toBe('Where');
    expect((await sdk.reviews.precision(7)).subtypes.find((s) => s.subtype === 'CONDESCENSION')?.missed).toBe(1);
    await expect(sdk.reviews.review(999_999, 'confirmed')).rejects.toBeInstanceOf(NotFoundError);
    await expect(sdk.reviews.flagMissed('m2', { subtype: 'CONDESCENSION', start: 5, end: 1 })).rejects.toBeInstanceOf(BadRequestError);
  });
});
