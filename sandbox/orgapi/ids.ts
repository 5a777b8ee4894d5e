/**
 * Ids in the forms the Organizations API gives them: a user's `groups[].id` in the users listings is a group
 * ARI (the spec's example), while `groups/search` and every group path take and answer the plain id.
 */
const GROUP_ARI_PREFIX = 'ari:cloud:identity::group/';

export function groupAri(groupId: string): string {
  return GROUP_ARI_PREFIX + groupId;
}

/** A filter value may come in either form. */
export function plainGroupId(id: string): string {
  return id.startsWith(GROUP_ARI_PREFIX) ? id.slice(GROUP_ARI_PREFIX.length) : id;
}
