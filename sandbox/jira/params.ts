import { JiraHttpError } from './errors';

/** An optional integer query parameter; anything that is not a whole number is a 400 naming it. */
export function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) {
    throw new JiraHttpError(400, `The '${name}' parameter must be an integer, but was '${raw}'.`);
  }
  return Number(raw);
}

export function nonNegativeIntegerParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = integerParam(query, name, fallback);
  if (value < 0)
    throw new JiraHttpError(400, `The '${name}' parameter must not be negative, but was ${value}.`);
  return value;
}

export function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new JiraHttpError(400, `The '${name}' parameter must be true or false, but was '${raw}'.`);
}

export function requiredParam(query: URLSearchParams, name: string): string {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') {
    throw new JiraHttpError(400, `The '${name}' query parameter is required.`);
  }
  return raw;
}
