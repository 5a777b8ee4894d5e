import { callUseCase } from '../../src/edge/resolvers';
import type { ResolverPayload } from '../../src/contract';
import type { UndoWorld } from './undo-pastRun';

type CursorPaged = 'listRuns' | 'getRunAudit' | 'searchAudit';

/** The first two pages of `limit` a cursor-paged history resolver answers for `query`, the second from the first's cursor. */
export async function firstTwoPages<K extends CursorPaged>(
  world: UndoWorld,
  resolver: K,
  query: Omit<ResolverPayload<K>, 'limit' | 'cursor'>,
  limit: number,
) {
  const first = await callUseCase(resolver, world.services, { ...query, limit }, 'admin-1');
  const second = await callUseCase(
    resolver,
    world.services,
    { ...query, limit, cursor: first.nextCursor },
    'admin-1',
  );
  return [first, second] as const;
}
