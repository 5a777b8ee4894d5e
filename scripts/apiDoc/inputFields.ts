/**
 * The fields a resolver accepts, read from its contract schema through zod's own JSON Schema export (zod 4's public
 * `z.toJSONSchema`), as the page may send them: defaults make a field optional.
 */
import { z } from 'zod';

export interface InputField {
  /** Dotted path, `[]` for the items of a list: `sort.by`, `accountIds[]`. */
  name: string;
  required: boolean;
  type: string;
  /** Lengths, ranges, patterns, allowed values and defaults, in words. */
  limits: string[];
  description?: string;
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  description?: string;
}

export interface InputShape {
  fields: InputField[];
  /** Whether fields not named here are refused (a strict object). */
  strict: boolean;
}

export function readInputShape(schema: z.ZodType): InputShape {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return { fields: fieldsOf(json, ''), strict: json.additionalProperties === false };
}

function fieldsOf(object: JsonSchema, prefix: string): InputField[] {
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).flatMap(([key, schema]) => {
    const name = `${prefix}${key}`;
    const field: InputField = {
      name,
      required: required.has(key),
      type: typeOf(schema),
      limits: limitsOf(schema),
      ...(schema.description ? { description: schema.description } : {}),
    };
    return [field, ...nestedFields(withoutNull(schema), name)];
  });
}

function nestedFields(schema: JsonSchema, name: string): InputField[] {
  if (schema.type === 'object') return fieldsOf(schema, `${name}.`);
  if (schema.type === 'array' && schema.items?.type === 'object') return fieldsOf(schema.items, `${name}[].`);
  return [];
}

function withoutNull(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf?.filter((option) => option.type !== 'null');
  return options?.length === 1 && options[0] ? options[0] : schema;
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'unknown'}[]`;
  if (schema.type === 'integer') return 'whole number';
  return schema.type ?? 'any (checked by the use case)';
}

function limitsOf(schema: JsonSchema): string[] {
  const inner = withoutNull(schema);
  const limits = [
    ...range('characters', inner.minLength, inner.maxLength),
    ...range('', inner.minimum, inner.maximum),
    ...range('items', inner.minItems, inner.maxItems),
  ];
  if (inner.pattern) limits.push(`matches \`${inner.pattern}\``);
  if (inner.items) limits.push(...limitsOf(inner.items).map((limit) => `each ${limit}`));
  if (schema.default !== undefined) limits.push(`default ${JSON.stringify(schema.default)}`);
  return limits;
}

function range(unit: string, min: number | undefined, max: number | undefined): string[] {
  const suffix = unit ? ` ${unit}` : '';
  const shownMax = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  if (min !== undefined && shownMax !== undefined) return [`${min}–${shownMax}${suffix}`];
  if (min === 1 && unit === 'characters') return ['not empty'];
  if (min !== undefined) return [`at least ${min}${suffix}`];
  if (shownMax !== undefined) return [`at most ${shownMax}${suffix}`];
  return [];
}
