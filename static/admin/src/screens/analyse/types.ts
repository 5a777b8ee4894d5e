export type { Preview } from '../../../../../src/contract';
