export type { PendingRow } from '../../../../../src/contract';
