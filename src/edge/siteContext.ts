/** Forge's `installContext`: the ARI of the site the app is installed on, `ari:cloud:jira::site/<cloudId>`. */
const SITE_ARI = /^ari:cloud:[a-z-]+::site\/([A-Za-z0-9-]+)$/;

/**
 * The installed site's cloud id from a Forge invocation context. Every Forge function gets one; without it the
 * app cannot know its site boundary, so it refuses to run rather than act unbounded.
 */
export function siteCloudIdOf(context: unknown): string {
  const installContext = (context as { installContext?: unknown } | null | undefined)?.installContext;
  const match = typeof installContext === 'string' ? SITE_ARI.exec(installContext) : null;
  if (!match) throw new Error('The Forge context names no installed site (installContext); refusing to run.');
  return match[1]!;
}
