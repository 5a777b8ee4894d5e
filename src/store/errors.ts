/** A value the store expects (a chunk, a head record) is not in storage. */
export class MissingValueError extends Error {
  constructor(
    readonly key: string,
    what: string,
  ) {
    super(`${what} is missing: no value under key '${key}'`);
    this.name = 'MissingValueError';
  }
}

/** A value read back does not have the shape the store wrote. */
export class CorruptValueError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`The value under key '${key}' is not valid: ${problem}`);
    this.name = 'CorruptValueError';
  }
}
