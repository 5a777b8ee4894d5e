import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The official Jira Cloud platform REST v3 description, vendored in specs/ (version and origin in its README). */
export const JIRA_SPEC_PATH = path.resolve(__dirname, '../../../specs/jira-platform-v3.openapi.json');

/**
 * Statuses Jira answers on any operation even where the spec does not list them: a malformed parameter,
 * missing or wrong credentials, and rate limiting. Their bodies must still be an ErrorCollection.
 */
const PLATFORM_WIDE_STATUSES = new Set([400, 401, 429]);
const SPEC_ID = 'jira-platform-v3.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface SpecResponse {
  content?: Record<string, { schema?: unknown }>;
}
interface SpecOperation {
  operationId?: string;
  responses?: Record<string, SpecResponse>;
}
interface OperationMatch {
  template: string;
  method: string;
  operation: SpecOperation;
}
interface LoadedSpec {
  ajv: Ajv;
  paths: Record<string, Record<string, SpecOperation>>;
  templates: Array<{ template: string; pattern: RegExp }>;
  errorCollection: ValidateFunction;
}

let loaded: LoadedSpec | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * Throws unless `body` is what the spec allows `method path` to answer with `status`: the status must be
 * documented (or platform-wide), a documented JSON schema must validate, an error status without a
 * schema must carry Jira's ErrorCollection, and a success documented without content must be empty.
 *
 * openapi-backend cannot load under Jest on Node 20 (its ref parser is ESM-only), so this uses Ajv with
 * the spec registered whole: `$ref`s resolve inside it and Ajv understands OpenAPI's `nullable`.
 */
export function validateJiraResponse(
  method: string,
  requestPath: string,
  status: number,
  body: unknown,
): void {
  const spec = loadSpec();
  const {
    template,
    method: specMethod,
    operation,
  } = matchOperation(spec, method, requestPath.split('?')[0]!);
  const label = `${method.toUpperCase()} ${template} (${operation.operationId}) ${status}`;
  const responses = operation.responses ?? {};
  const key = String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;

  if (key === undefined) {
    if (!PLATFORM_WIDE_STATUSES.has(status)) {
      throw new Error(`${label}: status not documented (documented: ${Object.keys(responses).join(', ')}).`);
    }
    return check(label, spec.errorCollection, body);
  }
  if (responses[key]!.content?.['application/json']?.schema) {
    return check(label, schemaValidator(spec, template, specMethod, key), body);
  }
  if (status >= 400) return check(label, spec.errorCollection, body);
  if (body !== undefined) throw new Error(`${label}: the spec documents no content, but a body came back.`);
}

function check(label: string, validate: ValidateFunction, body: unknown): void {
  if (!validate(body)) {
    throw new Error(`${label} does not match the Jira spec: ${JSON.stringify(validate.errors, null, 2)}`);
  }
}

function matchOperation(spec: LoadedSpec, method: string, pathname: string): OperationMatch {
  const specMethod = method.toLowerCase();
  // A literal path wins over a template that also matches it (`/user/groups` over `/user/{id}`).
  const candidates = [
    pathname,
    ...spec.templates.filter((t) => t.pattern.test(pathname)).map((t) => t.template),
  ];
  for (const template of candidates) {
    const operation = spec.paths[template]?.[specMethod];
    if (operation) return { template, method: specMethod, operation };
  }
  throw new Error(`The Jira spec has no operation ${method.toUpperCase()} ${pathname}.`);
}

function schemaValidator(
  spec: LoadedSpec,
  template: string,
  method: string,
  status: string,
): ValidateFunction {
  const pointer = ['paths', template, method, 'responses', status, 'content', 'application/json', 'schema']
    .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/');
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = spec.ajv.compile({ $ref: `${SPEC_ID}#/${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

function loadSpec(): LoadedSpec {
  if (loaded) return loaded;
  const document = JSON.parse(fs.readFileSync(JIRA_SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, SpecOperation>>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, SPEC_ID);
  const templates = Object.keys(document.paths)
    .filter((p) => p.includes('{') && METHODS.some((m) => document.paths[p]![m]))
    .map((template) => ({ template, pattern: templatePattern(template) }));
  loaded = {
    ajv,
    paths: document.paths,
    templates,
    errorCollection: ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/ErrorCollection` }),
  };
  return loaded;
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}
