/**
 * Applies `input` (a JSON object of whole numbers) onto a copy of `current`, for `PUT /__sandbox/limits`. Throws
 * naming the first setting that is unknown or not a whole number of at least 1.
 */
export function withWholeNumbers<T extends object>(where: string, current: T, input: unknown): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`${where} must be an object such as ${JSON.stringify(current)}`);
  }
  const next = { ...current } as Record<string, unknown>;
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (!(name in current)) {
      throw new Error(`${where}.${name} is not a setting (expected ${Object.keys(current).join(', ')})`);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error(`${where}.${name} must be a whole number of at least 1, got ${JSON.stringify(value)}`);
    }
    next[name] = value;
  }
  return next as T;
}
