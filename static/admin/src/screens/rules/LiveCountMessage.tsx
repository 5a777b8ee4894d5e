import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { protectedPeople } from '../../../../../src/domain/measures';
import { formatCount, formatWhen } from './describe';
import type { RuleInput } from './ruleDraft';
import { useRuleCount } from './useRuleCount';

/** "1,234 users in scope, 87 would be selected now", recounted as the rule is edited. */
export function LiveCountMessage({ rule }: { rule: RuleInput }) {
  const live = useRuleCount(rule);
  return (
    <div aria-live="polite" data-testid="live-count">
      {live.state === 'counting' && <Spinner size="small" label="Counting the users this rule selects" />}
      {live.state === 'failed' && (
        <SectionMessage appearance="warning" title="The rule could not be counted">
          <p>{live.message}</p>
        </SectionMessage>
      )}
      {live.state === 'counted' && !live.count.valid && (
        <SectionMessage appearance="information" title="Finish the rule to see who it selects">
          <p>
            {formatCount(live.count.errors.length, 'thing', 'things')} to fix first, e.g. “
            {live.count.errors[0]?.message}”.
          </p>
        </SectionMessage>
      )}
      {live.state === 'counted' && live.count.valid && (
        <SectionMessage
          appearance={live.count.limitMessage ? 'warning' : 'information'}
          title="Who this rule selects now"
        >
          <p>
            {formatCount(live.count.inScope, 'user', 'users')} in scope,{' '}
            {formatCount(live.count.selected, 'user', 'users')} would be selected now (
            {formatCount(
              protectedPeople(live.count.protected, live.count.withoutActivityData),
              'protected',
              'protected',
            )}
            ,{' '}
            {live.count.withoutActivityData > 0 &&
              `${formatCount(live.count.withoutActivityData, 'without activity data', 'without activity data')}, `}
            {formatCount(live.count.excluded, 'not inactive enough', 'not inactive enough')}). Counted against
            the scan of {formatWhen(live.count.snapshotCompletedAt)}.
          </p>
          {live.count.limitMessage && <p>{live.count.limitMessage} Raise the limits or narrow the rule.</p>}
        </SectionMessage>
      )}
    </div>
  );
}
