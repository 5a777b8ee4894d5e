import { InvalidInputError } from '../../domain/invalidInput';
import type { Rule } from '../../domain/rule';
import type { Services } from '../services';

/** The rule an admin asks to act with: it must exist, be enabled and be live, or nothing happens. */
export async function requireLiveRule(services: Services, ruleId: string): Promise<Rule> {
  const rule = await services.settings.getRule(ruleId);
  if (!rule) throw new InvalidInputError('ruleId', `ruleId: rule ${ruleId} does not exist`);
  if (!rule.enabled)
    throw new InvalidInputError('ruleId', `Rule '${rule.name}' is paused; resume it before acting.`);
  if (rule.mode !== 'live') {
    throw new InvalidInputError(
      'ruleId',
      `Rule '${rule.name}' is in preview-only mode; switch it to live to act.`,
    );
  }
  return rule;
}
