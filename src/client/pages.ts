/** The SDK's iterators over cursor-paged lists: every item, one page held at a time. */

/**
 * Yields the items of each page, asking for the next one with the page's `nextCursor` until a page
 * has none.
 *
 * @example
 * yield* everyItem((cursor) => this.monitorPage({ ...q, cursor }), (page) => page.sessions);
 */
export async function* everyItem<P extends { nextCursor: string | null }, T>(page: (cursor: string | undefined) => Promise<P>, items: (p: P) => T[]): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    yield* items(p);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}
