import { sampleAddedToOrg } from './activity';
import { INTEGRATION_NAMES, INTEGRATION_SUFFIXES } from './catalogue';
import { mailboxName, type EmailAddresses } from './email-addresses';
import { externalAccount, type AccountIdentity, type GeneratedAccount } from './generated-account';
import type { Sampler } from './sampling';

export interface AppSite {
  sampler: Sampler;
  now: number;
  emails: EmailAddresses;
}

/** App users get a placeholder mailbox, never a login domain, as Atlassian's Connect and Forge app users do. */
const APP_MAIL_DOMAIN = 'connect.atlassian.example';
const RECENT_INSTALL_DAYS = 30;

/** The n-th integration's name: the well-known ones first, then the long tail of other integrations. */
export function integrationName(sampler: Sampler, index: number): string {
  return INTEGRATION_NAMES[index] ?? `${sampler.faker.company.name()} ${sampler.pick(INTEGRATION_SUFFIXES)}`;
}

/**
 * An app (bot) account. Apps hold no product role of their own here: they are never billed, and an app
 * user's product use is not reported as last-active activity.
 */
export function generateApp(
  site: AppSite,
  name: string,
  accountId: string,
  installedRecently: boolean,
): GeneratedAccount {
  const { sampler, now } = site;
  const addedToOrg = installedRecently
    ? sampleAddedToOrg(sampler, now, RECENT_INSTALL_DAYS)
    : sampleAddedToOrg(sampler, now);
  const identity: AccountIdentity = {
    accountId,
    accountType: 'app',
    name,
    nickname: name,
    email: site.emails.claim(mailboxName(...name.split(/\s+/)), APP_MAIL_DOMAIN),
    addedToOrg,
  };
  return externalAccount(identity, false, new Map(), []);
}
