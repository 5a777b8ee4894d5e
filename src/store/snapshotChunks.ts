/** Packing a snapshot's users into stored chunks, and reading chunks back in order. */
import type { DirectoryUser } from '../domain/directory';
import { MAX_CHUNK_BYTES } from './chunks';
import { CorruptValueError } from './errors';
import { ByteReader, ByteWriter } from './packed';
import { encodeUsers, type PackedUsers } from './userCodec';

/** Users per stored chunk: about 140 KB of packed values for a typical directory, well inside one value. */
export const USERS_PER_CHUNK = 2_000;

/** `decode(packed)`; a value that does not decode is a CorruptValueError naming its key. */
export function decoded<T>(key: string, decode: (packed: string) => T, packed: string): T {
  try {
    return decode(packed);
  } catch (err) {
    throw new CorruptValueError(key, (err as Error).message);
  }
}

type PackedChunk = PackedUsers & { members: string };

/** `users` in chunks of at most USERS_PER_CHUNK, halved until each packed value fits one stored value. */
export function packChunks(users: readonly DirectoryUser[]): PackedChunk[] {
  const chunks: PackedChunk[] = [];
  const pack = (slice: readonly DirectoryUser[]): void => {
    const packed = { ...encodeUsers(slice), members: encodeMembers(slice) };
    if (Object.values(packed).every((value) => value.length + 2 <= MAX_CHUNK_BYTES)) {
      chunks.push(packed);
      return;
    }
    if (slice.length === 1) {
      throw new Error(`User ${slice[0]!.accountId} packs to more than one stored value can hold`);
    }
    const half = Math.ceil(slice.length / 2);
    pack(slice.slice(0, half));
    pack(slice.slice(half));
  };
  for (let start = 0; start < users.length; start += USERS_PER_CHUNK) {
    pack(users.slice(start, start + USERS_PER_CHUNK));
  }
  return chunks;
}

function encodeMembers(users: readonly DirectoryUser[]): string {
  const counts = new Map<string, number>();
  for (const user of users)
    for (const groupId of user.groupIds) counts.set(groupId, (counts.get(groupId) ?? 0) + 1);
  const out = new ByteWriter();
  out.uint(counts.size);
  for (const [groupId, count] of counts) {
    out.string(groupId);
    out.uint(count);
  }
  return out.pack();
}

export function decodeMembers(packed: string): Array<[string, number]> {
  const input = ByteReader.unpack(packed);
  return Array.from({ length: input.uint() }, () => [input.string(), input.uint()] as [string, number]);
}

/** `read(0)`, `read(1)`, … `read(count - 1)` in order, with up to `depth` reads under way. */
export async function* readAhead<T>(
  count: number,
  read: (n: number) => Promise<T>,
  depth: number,
): AsyncIterable<T> {
  const pending: Array<Promise<T>> = [];
  let next = 0;
  const fill = () => {
    while (next < count && pending.length < depth) {
      const promise = read(next++);
      // A read that fails ahead of its turn is reported when its turn comes, not as an unhandled rejection.
      promise.catch(() => undefined);
      pending.push(promise);
    }
  };
  fill();
  while (pending.length > 0) {
    const value = await pending.shift()!;
    fill();
    yield value;
  }
}
