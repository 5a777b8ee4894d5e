/** The pages of a cursor listing, in order: `fetchPage` with each page's `nextCursor` until a page has none. */
export async function* paginate<P extends { nextCursor?: string | undefined }>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
): AsyncGenerator<P> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}

/** `{ cursor }` when there is one: for requests whose schema refuses an undefined cursor. */
export function withCursor(cursor: string | undefined): { cursor?: string } {
  return cursor ? { cursor } : {};
}
