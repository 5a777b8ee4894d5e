import { router, view } from '@forge/bridge';

let siteUrl: Promise<string | null> | undefined;

/** The Jira site's address, from the Custom UI context (read once); null when the host does not say. */
export function jiraSiteUrl(): Promise<string | null> {
  siteUrl ??= view
    .getContext()
    .then((context) => (typeof context.siteUrl === 'string' ? context.siteUrl.replace(/\/$/, '') : null))
    .catch(() => null);
  return siteUrl;
}

/**
 * Opens an address outside the app in a new tab through the product (a Custom UI frame may not open windows
 * itself); the link's own href stays for copying and for the browser's "open in new tab".
 */
export function openInNewTab(event: { preventDefault(): void }, url: string): void {
  event.preventDefault();
  void router.open(url);
}
