const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A lower-case DNS name with at least two labels and a real-looking top-level label, e.g. `example.co.uk`. */
export function isEmailDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1];
  return (
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    topLevel !== undefined &&
    TOP_LEVEL_LABEL.test(topLevel)
  );
}

/** The lower-cased part after the last `@`, or null for a missing or malformed address. */
export function emailDomainOf(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/**
 * Whether the address is at one of these lower-case domains, ignoring case. Scope checks run for every user
 * and rule, so this compares in place instead of cutting out and lower-casing the domain.
 */
export function emailHasDomainIn(email: string | null, domains: readonly string[]): boolean {
  if (email === null) return false;
  for (const domain of domains) if (endsWithDomain(email, domain)) return true;
  return false;
}

function endsWithDomain(email: string, domain: string): boolean {
  const start = email.length - domain.length;
  if (start < 1 || email.charCodeAt(start - 1) !== 64 /* @ */) return false;
  for (let i = 0; i < domain.length; i++) {
    const code = email.charCodeAt(start + i);
    const lowered = code >= 65 && code <= 90 ? code + 32 : code;
    if (lowered !== domain.charCodeAt(i)) return false;
  }
  return true;
}
