export type AtlassianApi = 'jira' | 'org';

export interface AtlassianApiErrorDetails {
  /** The Organizations API's error code, e.g. `ADMIN-UAM-409-3`. */
  code?: string;
  /** When the request may succeed if tried again; set when the retrying transport gave up. */
  retryAt?: Date;
}

/**
 * An Atlassian API answered with an error status; `detail` carries what the service said. Status 0 means
 * no answer came at all (connection dropped or timed out on every attempt).
 */
export class AtlassianApiError extends Error {
  readonly code: string | undefined;
  readonly retryAt: Date | undefined;

  constructor(
    readonly api: AtlassianApi,
    readonly status: number,
    readonly path: string,
    readonly detail: string,
    details: AtlassianApiErrorDetails = {},
  ) {
    super(describeFailure(api, status, path, detail, details));
    this.name = 'AtlassianApiError';
    this.code = details.code;
    this.retryAt = details.retryAt;
  }
}

/** A 429 the transport could not wait out within its attempts or time budget. */
export class RateLimitedError extends AtlassianApiError {
  declare readonly retryAt: Date;

  constructor(api: AtlassianApi, path: string, detail: string, retryAt: Date, code?: string) {
    super(api, 429, path, detail, { retryAt, ...(code !== undefined ? { code } : {}) });
    this.name = 'RateLimitedError';
  }
}

/** The error for a non-2xx answer: status, the service's detail and, for the Organizations API, its code. */
export function apiErrorFrom(
  api: AtlassianApi,
  status: number,
  path: string,
  bodyText: string,
  retryAt?: Date,
): AtlassianApiError {
  const code = errorCodeOf(bodyText);
  return new AtlassianApiError(api, status, pathWithoutQuery(path), describeErrorBody(bodyText), {
    ...(code !== undefined ? { code } : {}),
    ...(retryAt ? { retryAt } : {}),
  });
}

export function pathWithoutQuery(path: string): string {
  return path.split('?')[0]!;
}

/** Pulls the human-readable messages out of Jira's ErrorCollection or the Organizations API's errors list. */
export function describeErrorBody(text: string): string {
  try {
    const body = JSON.parse(text) as {
      errorMessages?: string[];
      errors?: Record<string, string> | Array<{ title?: string; detail?: string }>;
      message?: string;
    };
    const parts: string[] = [];
    if (Array.isArray(body.errorMessages)) parts.push(...body.errorMessages);
    if (Array.isArray(body.errors))
      parts.push(...body.errors.map((e) => e.detail ?? e.title ?? '').filter(Boolean));
    else if (body.errors) parts.push(...Object.entries(body.errors).map(([k, v]) => `${k}: ${v}`));
    if (body.message) parts.push(body.message);
    return parts.length > 0 ? parts.join('; ') : text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

/** The first `code` of an Organizations API errors list (`{ errors: [{ code }] }`), if any. */
export function errorCodeOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return undefined;
    const code = (body.errors[0] as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function describeFailure(
  api: AtlassianApi,
  status: number,
  path: string,
  detail: string,
  details: AtlassianApiErrorDetails,
): string {
  const service = api === 'jira' ? 'Jira' : 'Organizations API';
  const what =
    status === 0 ? `${service} did not answer for ${path}` : `${service} answered ${status} for ${path}`;
  const code = details.code ? ` [${details.code}]` : '';
  const retry = details.retryAt ? ` Retry after ${details.retryAt.toISOString()}.` : '';
  return `${what}${code}: ${detail}${retry}`;
}
