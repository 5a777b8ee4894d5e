/**
 * The Organizations API gives one id in more than one form: a user's `groups[].id` is a group ARI
 * (`ari:cloud:identity::group/<id>`) where `groups/search` and the group paths use the plain id, and a
 * product instance may be named by its resource ARI (`ari:cloud:jira-software::site/<cloudId>`) or by the
 * bare site id beside its product key. The client turns every id into one form here, so nothing past it
 * compares ids of different forms: groups by plain id, products by resource ARI.
 */
const GROUP_ARI = /^ari:cloud:identity::group\/(.+)$/;
const ANY_ARI = /^ari:/;

export function plainGroupId(id: string): string {
  return GROUP_ARI.exec(id)?.[1] ?? id;
}

/** The resource ARI of a product instance; `productKey` (e.g. `jira-software`) builds it from a bare id. */
export function productResourceId(id: string, productKey: string | undefined): string {
  if (ANY_ARI.test(id) || productKey === undefined || productKey === '') return id;
  return `ari:cloud:${productKey}::site/${id}`;
}
