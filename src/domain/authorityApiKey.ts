/**
 * Atlassian API keys and tokens start with a fixed prefix (`ATCTT3…` org keys, `ATATT3…` API tokens); ids the app
 * asks for (org, directory) are UUIDs. A key pasted into an id field must be refused, and no text the app shows or
 * logs may carry one.
 */
const KEY_PREFIX = /AT[A-Z]{2}T3[A-Za-z0-9_=-]{8,}/;
const KEY_ANYWHERE = new RegExp(KEY_PREFIX.source, 'g');
/** Long runs of mixed-case letters and digits without the dashes of an id: the shape of any bearer secret. */
const OPAQUE_SECRET = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9_=]{32,}$/;

export function looksLikeApiKey(value: string): boolean {
  const trimmed = value.trim();
  return KEY_PREFIX.test(trimmed) || OPAQUE_SECRET.test(trimmed);
}

/** The text with every key-shaped run replaced, for messages and log lines. */
export function withoutApiKeys(text: string): string {
  return text.replace(KEY_ANYWHERE, '[redacted key]');
}
