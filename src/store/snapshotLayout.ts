/** Where a snapshot's values are stored, and the shape of its head. */
import { z } from 'zod';
import type { ProductInfo, SeatCount } from '../domain/directory';
import { keyPart, padded } from './keys';
import { objectOf } from './stored';

/*
 * Key layout (ADR 0017):
 *   snap:head:{id}                  SnapshotHead: progress, counts and the small parts of the summary
 *   snap:{part}:{id}:{0000000}      a chunk of up to 2,000 users as packed columns, in three values: `ids`,
 *                                   `labels` (names, e-mails) and `facts` (the rest); numbered in page order
 *   snap:members:{id}:{0000000}     the chunk's members per group, so group sizes need no pass over the users;
 *                                   summed into `groupsize` and deleted when the snapshot completes
 *   snap:groups:{id}:{00000}        DirectoryGroup[] chunks, written page by page as the scan lists groups
 *   snap:groupsize:{id}:{0000}      members per group over the whole snapshot (JSON pieces), written at completion
 *   snap:latest                     { id, completedAt } of the newest complete snapshot (a get, so never stale)
 * A page is committed by the head update that follows its chunks: a retry rewrites the same chunk keys, and a
 * page number below `pages` is already stored.
 */
export const headPrefix = 'snap:head:';
export const headKey = (id: string) => `${headPrefix}${keyPart(id)}`;
export const PARTS = ['ids', 'labels', 'facts', 'members'] as const;
export type Part = (typeof PARTS)[number];
export const partPrefix = (part: Part, id: string) => `snap:${part}:${keyPart(id)}:`;
export const partKey = (part: Part, id: string, n: number) => `${partPrefix(part, id)}${padded(n, 7)}`;
export const groupSizePrefix = (id: string) => `snap:groupsize:${keyPart(id)}:`;
export const groupsPrefix = (id: string) => `snap:groups:${keyPart(id)}:`;
export const groupChunkKey = (id: string, n: number) => `${groupsPrefix(id)}${padded(n, 5)}`;
export const LATEST_KEY = 'snap:latest';

/** The layout of ADR 0017; a snapshot stored before it (JSON user chunks) is never read, only pruned. */
export const LAYOUT = 2;
export const headSchema = z.object({
  layout: z.number().int().default(1),
  id: z.string(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  complete: z.boolean(),
  pages: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  userCount: z.number().int().nonnegative(),
  groupChunks: z.number().int().nonnegative(),
  groupPages: z.number().int().nonnegative().default(0),
  groupSizePieces: z.number().int().nonnegative().default(0),
  /** The Organizations API's cursor after the last stored page: where a scan resumes. */
  cursor: z.string().nullable().default(null),
  /** Products seen on the stored users: resource id → product key. */
  productsSeen: z.record(z.string(), z.string()).default({}),
  products: z.array(objectOf<ProductInfo>()),
  seats: z.array(objectOf<SeatCount>()),
});
export type SnapshotHead = z.infer<typeof headSchema>;
export const latestSchema = z.object({ id: z.string(), completedAt: z.string() });
