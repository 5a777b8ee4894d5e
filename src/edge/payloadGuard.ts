import { FORGE_LIMITS } from '../platform/forgeLimits';
import { InvalidInputError } from '../domain/invalidInput';

/** The longest text any field of any resolver takes (a rule's e-mail template is the longest legitimate one). */
export const MAX_PAYLOAD_STRING = 20_000;
/** Keys a payload may not carry at any depth: they would reach object prototypes, never data. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses a payload no resolver could take before any schema sees it: nested deeper than storage could keep,
 * strings longer than any field, or keys that name prototypes. The error names the field.
 */
export function guardPayload(payload: unknown): void {
  visit(payload, '', 0);
}

function visit(value: unknown, field: string, depth: number): void {
  if (depth > FORGE_LIMITS.kvs.maxValueDepth) {
    throw new InvalidInputError(
      field || undefined,
      `${field || 'payload'}: nested more than ${FORGE_LIMITS.kvs.maxValueDepth} levels deep`,
    );
  }
  if (typeof value === 'string') {
    if (value.length > MAX_PAYLOAD_STRING) {
      throw new InvalidInputError(
        field || undefined,
        `${field || 'payload'}: text longer than ${MAX_PAYLOAD_STRING} characters`,
      );
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, `${field}[${index}]`, depth + 1));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    const path = field ? `${field}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) throw new InvalidInputError(path, `${path}: this field name is not allowed`);
    visit((value as Record<string, unknown>)[key], path, depth + 1);
  }
}
