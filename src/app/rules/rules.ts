import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import type { ResolverInput } from '../../contract/inputs';
import { ruleAuthorityErrors, type AuthorityBoundary } from '../../domain/authority';
import type { Rule } from '../../domain/rule';
import { ruleValidationContextOf, validateRuleInput } from '../../domain/ruleValidation';
import { nextRunAt } from '../../domain/schedule';
import { InvalidInputError } from '../../domain/invalidInput';
import type { RuleView, SaveRuleResult } from '../../contract/answers';
import { boundaryOf } from '../authority/authority';
import { customerOnlyGroupIds } from '../seats/serviceManagement';
import type { Services } from '../services';
import { warningStores } from '../warnings/warningStores';

export type { RuleView, SaveRuleResult };

/** Without an installed site there is no site boundary; admin groups stay out of reach all the same. */
const UNBOUNDED: AuthorityBoundary = { scope: 'org', siteCloudId: '' };
/** Read from the raw input so that this problem is reported with the validation's, not after fixing them. */
const liveWithWarningSchema = z.object({ mode: z.literal('live'), warning: z.object({}).passthrough() });

export async function listRules(services: Services): Promise<RuleView[]> {
  const rules = await services.settings.listRules();
  return Promise.all(rules.map((r) => viewOf(services, r)));
}

/**
 * Validates a rule against the org as the latest scan saw it (groups, products); a rule that fails is never
 * saved, and every problem comes back naming its field.
 */
export async function saveRule(
  services: Services,
  input: ResolverInput<'saveRule'>,
  by: string,
): Promise<SaveRuleResult> {
  const snapshot = await services.snapshots.latestComplete();
  if (!snapshot) {
    throw new InvalidInputError(
      undefined,
      'Rules are checked against the groups and products of your org: run "Analyse now" once before adding rules.',
    );
  }
  const validated = validateRuleInput(
    input.rule,
    ruleValidationContextOf(snapshot, await customerOnlyGroupIds(services)),
  );
  const errors = validated.ok ? [] : [...validated.errors];
  if (warnsWhenLive(input.rule) && !(await warningStores(services).notifications.getSettings())) {
    errors.push({
      field: 'warning',
      message:
        'a warning period needs somewhere to send the warnings: set up Notifications (Jira project and e-mail templates) first',
    });
  }
  if (validated.ok) {
    const boundary = (await boundaryOf(services)) ?? UNBOUNDED;
    const groupsById = new Map(snapshot.groups.map((g) => [g.id, g]));
    errors.push(...ruleAuthorityErrors(validated.rule.actions, boundary, groupsById, snapshot.products));
  }
  if (!validated.ok || errors.length > 0) return { saved: false, errors };
  const now = services.platform.clock.now().toISOString();
  const existing = input.id ? await services.settings.getRule(input.id) : null;
  if (input.id && !existing) throw new InvalidInputError('id', `id: rule ${input.id} does not exist`);
  const rule: Rule = {
    ...validated.rule,
    id: existing?.id ?? randomUUID(),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await services.settings.saveRule(rule);
  await services.settings.addConfiguringAdmin(by);
  return { saved: true, rule: await viewOf(services, rule) };
}

export async function setRuleEnabled(
  services: Services,
  input: ResolverInput<'setRuleEnabled'>,
  by: string,
): Promise<RuleView> {
  const rule = await requireRule(services, input.id);
  const updated = { ...rule, enabled: input.enabled, updatedAt: services.platform.clock.now().toISOString() };
  await services.settings.saveRule(updated);
  await services.settings.addConfiguringAdmin(by);
  return viewOf(services, updated);
}

export async function deleteRule(
  services: Services,
  input: ResolverInput<'deleteRule'>,
): Promise<{ deleted: string }> {
  await requireRule(services, input.id);
  await services.settings.deleteRule(input.id);
  return { deleted: input.id };
}

/** A live rule with a warning period e-mails users through Jira, which needs the notification settings. */
function warnsWhenLive(rule: unknown): boolean {
  return liveWithWarningSchema.safeParse(rule).success;
}

async function requireRule(services: Services, id: string): Promise<Rule> {
  const rule = await services.settings.getRule(id);
  if (!rule) throw new InvalidInputError('id', `id: rule ${id} does not exist`);
  return rule;
}

async function viewOf(services: Services, rule: Rule): Promise<RuleView> {
  const state = await services.settings.getRuleState(rule.id);
  const next = rule.enabled ? nextRunAt(rule.schedule, services.platform.clock.now()) : null;
  return { ...rule, ...state, nextRunAt: next ? next.toISOString() : null };
}
