import { OrgApiError } from './errors';

export type Fields = Record<string, unknown>;

/** The JSON body as an object with only the allowed fields; no body counts as `{}`. */
export function bodyFields(body: unknown, allowed: readonly string[]): Fields {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new OrgApiError('badRequest', 'The request body must be a JSON object.');
  }
  rejectUnknown(Object.keys(body), allowed, 'body field');
  return body as Fields;
}

/**
 * Query parameters as fields: array parameters may repeat or hold comma-separated values, so the same
 * validation serves GET query strings and POST bodies.
 */
export function queryFields(
  query: URLSearchParams,
  spec: {
    arrays: readonly string[];
    booleans?: readonly string[];
    integers?: readonly string[];
    strings?: readonly string[];
  },
): Fields {
  const allowed = [
    ...spec.arrays,
    ...(spec.booleans ?? []),
    ...(spec.integers ?? []),
    ...(spec.strings ?? []),
  ];
  rejectUnknown([...new Set(query.keys())], allowed, 'query parameter');
  const out: Fields = {};
  for (const name of spec.arrays) {
    const values = query
      .getAll(name)
      .flatMap((v) => v.split(','))
      .filter((v) => v !== '');
    if (values.length > 0) out[name] = values;
  }
  for (const name of spec.booleans ?? []) {
    const value = query.get(name);
    if (value === null) continue;
    if (value !== 'true' && value !== 'false') {
      throw new OrgApiError('badRequest', `Query parameter '${name}' must be true or false, not '${value}'.`);
    }
    out[name] = value === 'true';
  }
  for (const name of spec.integers ?? []) {
    const value = query.get(name);
    if (value === null) continue;
    if (!/^-?\d+$/.test(value)) {
      throw new OrgApiError('badRequest', `Query parameter '${name}' must be an integer, not '${value}'.`);
    }
    out[name] = Number(value);
  }
  for (const name of spec.strings ?? []) {
    const value = query.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

export function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new OrgApiError('badRequest', `'${name}' must be a string.`);
  return value;
}

export function requiredString(fields: Fields, name: string): string {
  const value = optionalString(fields, name);
  if (value === undefined || value === '') throw new OrgApiError('badRequest', `'${name}' is required.`);
  return value;
}

export function optionalBoolean(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new OrgApiError('badRequest', `'${name}' must be true or false.`);
  return value;
}

export function optionalStringArray(fields: Fields, name: string): string[] | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new OrgApiError('badRequest', `'${name}' must be an array of strings.`);
  }
  return value as string[];
}

export function optionalEnumArray<T extends string>(
  fields: Fields,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const values = optionalStringArray(fields, name);
  if (!values) return undefined;
  const unknown = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (unknown !== undefined) {
    throw new OrgApiError(
      'badRequest',
      `'${name}' has an unknown value '${unknown}'. Allowed: ${allowed.join(', ')}.`,
    );
  }
  return values as T[];
}

export function optionalEnum<T extends string>(
  fields: Fields,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(fields, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new OrgApiError('badRequest', `'${name}' must be one of ${allowed.join(', ')}, not '${value}'.`);
  }
  return value as T;
}

/** Page size: a whole number from 1 to `max`, `fallback` when absent. */
export function pageLimit(fields: Fields, fallback: number, max: number): number {
  const value = fields.limit;
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new OrgApiError(
      'badRequest',
      `'limit' must be a whole number from 1 to ${max}, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export function exclusive(fields: Fields, a: string, b: string): void {
  if (fields[a] !== undefined && fields[b] !== undefined) {
    throw new OrgApiError('badRequest', `'${a}' and '${b}' cannot be used together; send one of them.`);
  }
}

function rejectUnknown(names: string[], allowed: readonly string[], what: string): void {
  const unknown = names.find((n) => !allowed.includes(n));
  if (unknown !== undefined) {
    throw new OrgApiError('badRequest', `Unknown ${what} '${unknown}'. Allowed: ${allowed.join(', ')}.`);
  }
}
