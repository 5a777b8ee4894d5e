import type { User } from '../org/orgEntities';
import { OrgApiError } from './errors';
import { bodyFields, optionalString } from './fields';
import { noContent, userObject, type OrgCall, type OrgRoute } from './state';

const LIFECYCLE = '/users/:accountId/manage/lifecycle';

export function lifecycleRoutes(): OrgRoute[] {
  return [
    { method: 'POST', path: `${LIFECYCLE}/disable`, kind: 'write', scope: null, handle: disableAccount },
    { method: 'POST', path: `${LIFECYCLE}/enable`, kind: 'write', scope: null, handle: enableAccount },
  ];
}

/** Deactivates the whole Atlassian account; `message` is the optional reason shown to the user. */
const disableAccount: OrgRoute['handle'] = (req, call) => {
  optionalString(bodyFields(req.body, ['message']), 'message');
  const user = managedAccount(req.params.accountId!, call);
  if (user.accountStatus !== 'active') {
    throw new OrgApiError('conflict', `Account ${user.accountId} is already deactivated.`);
  }
  const { state, key } = call;
  state.ctx.org.setAccountStatus(user.accountId, 'inactive', state.ctx.clock.now());
  state.record('account_deactivated', key, [userObject(user)]);
  return noContent();
};

const enableAccount: OrgRoute['handle'] = (req, call) => {
  bodyFields(req.body, []);
  const user = managedAccount(req.params.accountId!, call);
  if (user.accountStatus === 'active') {
    throw new OrgApiError('conflict', `Account ${user.accountId} is already active.`);
  }
  if (user.accountStatus === 'closed') {
    throw new OrgApiError('conflict', `Account ${user.accountId} is closed and cannot be reactivated.`);
  }
  const { state, key } = call;
  state.ctx.org.setAccountStatus(user.accountId, 'active', state.ctx.clock.now());
  state.record('account_reactivated', key, [userObject(user)]);
  return noContent();
};

/** Only accounts the key's organization manages (claimed through a verified domain) have a lifecycle here. */
function managedAccount(accountId: string, { state, key }: OrgCall): User {
  const org = state.ctx.org;
  const user = org.user(accountId);
  if (!user) throw new OrgApiError('unknownResource', `No Atlassian account with ID '${accountId}'.`);
  if (user.claimStatus !== 'managed' || key.orgId !== org.identity.orgId) {
    throw new OrgApiError(
      'forbidden',
      `Account ${accountId} is not managed by your organization. Only managed accounts (on a verified domain) can be deactivated or reactivated; use suspend or remove from directory for other users.`,
    );
  }
  return user;
}
