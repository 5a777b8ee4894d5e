import type { SandboxContext } from '../context';
import type { Group, User } from '../org/orgEntities';

/** Jira answers a profile's time zone with the site default when the user has none. */
const SITE_TIME_ZONE = 'Etc/UTC';
const AVATAR_HOST = 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net';
const AVATAR_SIZES = ['16x16', '24x24', '32x32', '48x48'] as const;

/** `UserDetails` in the spec: what group membership pages list (no locale). */
export interface JiraUserDetails {
  self: string;
  accountId: string;
  accountType: User['accountType'];
  active: boolean;
  displayName: string;
  emailAddress?: string;
  avatarUrls: Record<(typeof AVATAR_SIZES)[number], string>;
  timeZone: string;
}

/** `User` in the spec: what user lookups and searches return. */
export interface JiraUser extends JiraUserDetails {
  locale: string;
}

export interface JiraGroupName {
  name: string;
  groupId: string;
  self: string;
}

export function userDetailsView(ctx: SandboxContext, user: User): JiraUserDetails {
  const view: JiraUserDetails = {
    self: userUrl(ctx, user.accountId),
    accountId: user.accountId,
    accountType: user.accountType,
    active: ctx.org.hasLiveAccess(user),
    displayName: user.name,
    avatarUrls: avatarUrls(user),
    timeZone: user.timeZone ?? SITE_TIME_ZONE,
  };
  if (emailIsVisible(user)) view.emailAddress = user.email;
  return view;
}

export function userView(ctx: SandboxContext, user: User): JiraUser {
  return { ...userDetailsView(ctx, user), locale: user.locale };
}

/**
 * Profile visibility, emulated deterministically: accounts the organisation does not manage (contractors
 * and other outside accounts) keep their email private, and app accounts have none to show.
 */
export function emailIsVisible(user: User): boolean {
  if (user.accountType === 'app') return false;
  return !(user.accountType === 'atlassian' && user.claimStatus === 'unmanaged');
}

export function groupNameView(ctx: SandboxContext, group: Group): JiraGroupName {
  return { name: group.name, groupId: group.id, self: groupUrl(ctx, group.id) };
}

export function userUrl(ctx: SandboxContext, accountId: string): string {
  return `${ctx.org.identity.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
}

function groupUrl(ctx: SandboxContext, groupId: string): string {
  return `${ctx.org.identity.siteUrl}/rest/api/3/group?groupId=${encodeURIComponent(groupId)}`;
}

function avatarUrls(user: User): JiraUserDetails['avatarUrls'] {
  const file = `${encodeURIComponent(initialsOf(user.name))}-${colourIndex(user.accountId)}.png`;
  const urls = {} as JiraUserDetails['avatarUrls'];
  for (const size of AVATAR_SIZES) {
    const px = size.slice(0, size.indexOf('x'));
    urls[size] = `${AVATAR_HOST}/initials/${file}?size=${px}&s=${px}`;
  }
  return urls;
}

function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return letters || 'U';
}

function colourIndex(accountId: string): number {
  let hash = 0;
  for (let i = 0; i < accountId.length; i++) hash = (hash * 31 + accountId.charCodeAt(i)) >>> 0;
  return hash % 6;
}
