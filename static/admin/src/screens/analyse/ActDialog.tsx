import { useEffect, useState } from 'react';
import type { PreviewSummary, RuleView, RunRecord } from '../../../../../src/contract';
import { callResolver, messageOf, ResolverError } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFlags } from '../../flags';
import { formatDate } from '../../format';
import { actionInWords, formatCount, limitsInWords } from '../rules/describe';
import { SeatsKeptNote } from './SeatsKeptNote';

/** How many names the confirmation lists before "+N more". */
const NAMES_SHOWN = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ActRequest {
  /** The users picked, by account id with their names; null: every user the preview selected for the rule. */
  picked: ReadonlyMap<string, string> | null;
  count: number;
}

export interface ActDialogProps {
  previewId: string;
  rule: RuleView;
  summary: PreviewSummary | undefined;
  request: ActRequest | null;
  onClose(): void;
  onStarted(run: RunRecord): void;
}

/** "Ada Lovelace, Alan Turing and 3 more": the first names, then how many others. */
export function namesInWords(names: string[], total: number): string {
  const shown = names.slice(0, NAMES_SHOWN);
  const more = total - shown.length;
  if (more <= 0) return shown.join(', ');
  return `${shown.join(', ')} +${formatCount(more, 'more', 'more')}`;
}

/**
 * Says exactly what confirming does: who (first names), what (each action, or the warning and when the actions
 * follow), the seats it frees, audit, undo and limits; then starts the live run.
 */
export function ActDialog({ previewId, rule, summary, request, onClose, onStarted }: ActDialogProps) {
  const flags = useFlags();
  const [working, setWorking] = useState(false);
  const [groupNames, setGroupNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [firstSelected, setFirstSelected] = useState<string[]>([]);
  const groupIds = rule.actions.flatMap((a) =>
    a.kind === 'remove-from-groups' ? a.groupIds : a.kind === 'add-to-group' ? [a.groupId] : [],
  );
  const groupKey = groupIds.join(',');
  const actsOnAll = request !== null && request.picked === null;

  useEffect(() => {
    if (!groupKey) return;
    callResolver('lookupDirectory', { groupIds: groupKey.split(',') })
      .then((found) => setGroupNames(new Map(found.groups.map((g) => [g.id, g.name]))))
      .catch(() => setGroupNames(new Map()));
  }, [groupKey]);

  useEffect(() => {
    if (!actsOnAll) return;
    callResolver('getPreviewDecisions', {
      previewId,
      ruleId: rule.id,
      outcome: 'selected',
      limit: NAMES_SHOWN,
    })
      .then((found) => setFirstSelected(found.items.map((d) => d.name || d.accountId)))
      .catch(() => setFirstSelected([]));
  }, [actsOnAll, previewId, rule.id]);

  const confirm = async () => {
    if (!request) return;
    setWorking(true);
    try {
      const run = await callResolver('requestRun', {
        previewId,
        ruleId: rule.id,
        ...(request.picked ? { accountIds: [...request.picked.keys()] } : {}),
        confirm: true,
      });
      flags.showSuccess(
        'Run started',
        `Rule "${rule.name}" is ${rule.warning ? 'warning' : 'acting on'} ${formatCount(request.count, 'user', 'users')}.`,
      );
      onStarted(run);
    } catch (err) {
      if (err instanceof ResolverError && err.code === 'invalid-input') {
        flags.showProblem(
          'The run was refused',
          `${messageOf(err)} Pick fewer users, or change the rule's limits in Rules and analyse again.`,
        );
      } else {
        flags.showError('The run was refused', err);
      }
    } finally {
      setWorking(false);
      onClose();
    }
  };

  const count = request?.count ?? 0;
  const who = formatCount(count, 'user', 'users');
  const names = request?.picked ? [...request.picked.values()] : firstSelected;
  const warning = rule.warning;
  const actDate = warning ? formatDate(new Date(Date.now() + warning.days * DAY_MS).toISOString()) : null;
  const seats =
    actsOnAll && summary
      ? summary.seatsFreedPerProduct
          .filter((s) => s.seatsFreed > 0)
          .map((s) => `${s.productName}: ${formatCount(s.seatsFreed, 'seat', 'seats')}`)
      : [];
  const actions = (
    <ul>
      {rule.actions.map((action, i) => (
        <li key={i}>{actionInWords(action, (id) => groupNames.get(id) ?? id)}</li>
      ))}
    </ul>
  );
  return (
    <ConfirmDialog
      isOpen={request !== null}
      title={warning ? `Warn ${who} now?` : `Act on ${who} now?`}
      confirmLabel={warning ? `Warn ${who}` : `Act on ${who}`}
      appearance={warning ? 'warning' : 'danger'}
      isWorking={working}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>
        Rule <strong>{rule.name}</strong>, {actsOnAll ? `all ${who} it selected` : `the ${who} you picked`}
        {names.length > 0 && (
          <>
            : <strong data-testid="act-names">{namesInWords(names, count)}</strong>
          </>
        )}
        .
      </p>
      {warning ? (
        <>
          <p data-testid="act-what">
            This warns them now by e-mail and changes nothing else today. On {actDate} ({warning.days}{' '}
            {warning.days === 1 ? 'day' : 'days'} from now), those still inactive are acted on:
          </p>
          {actions}
          <p>
            Anyone who uses Jira before then is left alone. Until then they are listed under Pending, where
            you can extend or cancel a warning.
          </p>
        </>
      ) : (
        <>
          <p data-testid="act-what">This acts now:</p>
          {actions}
        </>
      )}
      {actsOnAll && (
        <p data-testid="act-seats">
          {seats.length > 0
            ? `Seats ${warning ? 'freed once they are acted on' : 'freed'}: ${seats.join(', ')}.`
            : 'This frees no paid seat: none of these users holds one that the actions take away.'}
        </p>
      )}
      {request && (
        <SeatsKeptNote
          previewId={previewId}
          ruleId={rule.id}
          summary={summary}
          picked={request.picked ? [...request.picked.keys()] : null}
        />
      )}
      <p>
        Each user is checked again just before the change: anyone who has been active since, or is now
        protected, is skipped. Every change is written to the audit log before it is made, and the whole run,
        or any one user, can be undone from Runs and audit.
      </p>
      <p>The rule&apos;s limits apply: {limitsInWords(rule)}.</p>
    </ConfirmDialog>
  );
}
