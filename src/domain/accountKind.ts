import type { DirectoryUser } from './directory';

export type AccountKind = 'staff' | 'external' | 'customer' | 'other';

/** Staff are managed Atlassian accounts, external are unmanaged ones; apps and unknown accounts are `other`. */
export function accountKindOf(user: DirectoryUser): AccountKind {
  if (user.accountType === 'customer') return 'customer';
  if (user.accountType !== 'atlassian') return 'other';
  return user.claimStatus === 'managed' ? 'staff' : 'external';
}
