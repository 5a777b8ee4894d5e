/** Forge hosted storage limits the emulated KVS enforces (platform reference, section 4). */
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

export const FORGE_KVS_LIMITS: Readonly<KvsLimits> = {
  maxKeyLength: 500,
  maxValueBytes: 240 * 1024,
  maxValueDepth: 32,
  defaultQueryLimit: 10,
  maxQueryLimit: 100,
  maxBatchItems: 25,
  maxTransactionOperations: 25,
  maxBatchPayloadBytes: 4 * 1024 * 1024,
};
