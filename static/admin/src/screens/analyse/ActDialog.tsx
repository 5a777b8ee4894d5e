import { useEffect, useState } from 'react';
import type { RuleView, RunRecord } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { GroupEntry } from '../../components/GroupPicker';
import { useFlags } from '../../flags';
import { actionInWords, formatCount, limitsInWords } from '../rules/describe';

export interface ActRequest {
  /** Null: every user the preview selected for the rule. */
  accountIds: string[] | null;
  count: number;
}

export interface ActDialogProps {
  previewId: string;
  rule: RuleView;
  request: ActRequest | null;
  onClose(): void;
  onStarted(run: RunRecord): void;
}

/** Says exactly what acting will do (who, what, which rule, audit, undo, limits), then starts the live run. */
export function ActDialog({ previewId, rule, request, onClose, onStarted }: ActDialogProps) {
  const flags = useFlags();
  const [working, setWorking] = useState(false);
  const [groupNames, setGroupNames] = useState<ReadonlyMap<string, string>>(new Map());
  const groupIds = rule.actions.flatMap((a) =>
    a.kind === 'remove-from-groups' ? a.groupIds : a.kind === 'add-to-group' ? [a.groupId] : [],
  );
  const groupKey = groupIds.join(',');

  useEffect(() => {
    if (!groupKey) return;
    callResolver<{ groups: GroupEntry[] }>('lookupDirectory', { groupIds: groupKey.split(',') })
      .then((found) => setGroupNames(new Map(found.groups.map((g) => [g.id, g.name]))))
      .catch(() => setGroupNames(new Map()));
  }, [groupKey]);

  const confirm = async () => {
    if (!request) return;
    setWorking(true);
    try {
      const run = await callResolver<RunRecord>('requestRun', {
        previewId,
        ruleId: rule.id,
        ...(request.accountIds ? { accountIds: request.accountIds } : {}),
        confirm: true,
      });
      flags.showSuccess(
        'Run started',
        `Rule "${rule.name}" is acting on ${formatCount(request.count, 'user', 'users')}.`,
      );
      onStarted(run);
    } catch (err) {
      flags.showError('The run was refused', err);
    } finally {
      setWorking(false);
      onClose();
    }
  };

  const who = request ? formatCount(request.count, 'user', 'users') : '';
  return (
    <ConfirmDialog
      isOpen={request !== null}
      title={`Act on ${who} now?`}
      confirmLabel={`Act on ${who}`}
      appearance="danger"
      isWorking={working}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>
        Rule <strong>{rule.name}</strong> will act on{' '}
        <strong>{request?.accountIds ? `the ${who} you picked` : `all ${who} it selected`}</strong> in this
        analysis:
      </p>
      <ul>
        {rule.actions.map((action, i) => (
          <li key={i}>{actionInWords(action, (id) => groupNames.get(id) ?? id)}</li>
        ))}
      </ul>
      <p>
        Each user is checked again just before the change: anyone who has been active since, or is now
        protected, is skipped. Every change is written to the audit log before it is made, and the whole run,
        or any one user, can be undone from Runs and audit.
      </p>
      <p>
        The rule&apos;s limits apply: {limitsInWords(rule)}. A run above them is refused and changes nothing.
      </p>
    </ConfirmDialog>
  );
}
