/** An Atlassian API answered with an error status; `detail` carries what the service said. */
export class AtlassianApiError extends Error {
  constructor(
    readonly api: 'jira' | 'org',
    readonly status: number,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${api === 'jira' ? 'Jira' : 'Organizations API'} answered ${status} for ${path}: ${detail}`);
    this.name = 'AtlassianApiError';
  }
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
