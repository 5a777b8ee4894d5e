/** A request the emulated KVS refuses; the store answers it as Forge does: `{ code, message }` with this status. */
export class KvsRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsRequestError';
  }
}

export function badRequest(message: string): KvsRequestError {
  return new KvsRequestError(400, 'BAD_REQUEST', message);
}

export function keyNotFound(key: string): KvsRequestError {
  return new KvsRequestError(404, 'KEY_NOT_FOUND', `Provided key does not exist: '${key}'`);
}

export function entitiesNotEmulated(what: string): KvsRequestError {
  return new KvsRequestError(
    501,
    'CUSTOM_ENTITIES_NOT_EMULATED',
    `${what}: custom entities are not emulated by the local Forge host; only the key-value store and secrets are`,
  );
}
