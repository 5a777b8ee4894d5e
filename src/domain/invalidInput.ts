import type { z } from 'zod';

/** A payload from the page, or an imported file, failed validation; `field` is a dotted path. */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** Parses a payload at the boundary; the first problem becomes an error naming the field. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
  throw new InvalidInputError(field || undefined, field ? `${field}: ${issue.message}` : issue.message);
}
