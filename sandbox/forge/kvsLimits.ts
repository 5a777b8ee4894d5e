import { FORGE_LIMITS } from '../../src/platform/forgeLimits';

/** Forge hosted storage limits the emulated KVS enforces; the real values live in src/platform/forgeLimits.ts. */
export interface KvsLimits {
  maxKeyLength: number;
  /** Measured on the value's JSON serialisation, in UTF-8 bytes. */
  maxValueBytes: number;
  maxValueDepth: number;
  /** Page size when a query sends no `limit`. */
  defaultQueryLimit: number;
  maxQueryLimit: number;
  maxBatchItems: number;
  maxTransactionOperations: number;
  /** Whole request body of a batch set or a transaction. */
  maxBatchPayloadBytes: number;
}

const { kvs } = FORGE_LIMITS;

export const FORGE_KVS_LIMITS: Readonly<KvsLimits> = {
  maxKeyLength: kvs.maxKeyLength,
  maxValueBytes: kvs.maxValueBytes,
  maxValueDepth: kvs.maxValueDepth,
  defaultQueryLimit: kvs.defaultQueryLimit,
  maxQueryLimit: kvs.maxQueryLimit,
  maxBatchItems: kvs.maxBatchItems,
  maxTransactionOperations: kvs.maxTransactionOperations,
  maxBatchPayloadBytes: kvs.maxBatchPayloadBytes,
};
