import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import type { ScreenProps } from '../App';
import { callResolver } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useFlags } from '../flags';
import { NotFound } from '../navigation/NotFound';
import { RuleEditor } from './rules/RuleEditor';
import { useSessionState } from '../components/useSessionState';
import { RuleList } from './rules/RuleList';
import type { RuleView } from '../../../../src/contract';

/** The rule list; the URL names a rule to open it in the editor (/rules/<ruleId>). */
export function Rules({ status, route, navigate }: ScreenProps) {
  const flags = useFlags();
  const [rules, setRules] = useState<RuleView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  // Kept for the tab's session, so an admin who leaves a new rule half-typed comes back to it.
  const [creatingKept, setCreatingKept] = useSessionState('rules:creating');
  const creating = creatingKept !== null;
  const setCreating = (on: boolean) => setCreatingKept(on ? 'new' : null);
  const openRuleId = route.screen === 'rules' ? route.ruleId : undefined;
  const backToList = () => {
    setCreating(false);
    navigate({ screen: 'rules' });
  };
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [deleting, setDeleting] = useState<{ rule: RuleView; working: boolean } | null>(null);

  const load = useCallback(() => {
    callResolver('listRules')
      .then((list) => {
        setRules(list);
        setLoadError(null);
      })
      .catch(setLoadError);
  }, []);
  useEffect(load, [load]);

  const setEnabled = async (rule: RuleView, enabled: boolean) => {
    setBusy((b) => new Set(b).add(rule.id));
    try {
      const updated = await callResolver('setRuleEnabled', { id: rule.id, enabled });
      setRules((list) => list?.map((r) => (r.id === updated.id ? updated : r)) ?? null);
      flags.showSuccess(`Rule "${rule.name}" ${enabled ? 'resumed' : 'paused'}`);
    } catch (err) {
      flags.showError(`Rule "${rule.name}" could not be ${enabled ? 'resumed' : 'paused'}`, err);
    } finally {
      setBusy((b) => new Set([...b].filter((id) => id !== rule.id)));
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleting({ ...deleting, working: true });
    try {
      await callResolver('deleteRule', { id: deleting.rule.id });
      flags.showSuccess(`Rule "${deleting.rule.name}" deleted`);
      setRules((list) => list?.filter((r) => r.id !== deleting.rule.id) ?? null);
      setDeleting(null);
    } catch (err) {
      flags.showError(`Rule "${deleting.rule.name}" could not be deleted`, err);
      setDeleting({ ...deleting, working: false });
    }
  };

  const openRule = openRuleId === undefined ? undefined : rules?.find((r) => r.id === openRuleId);
  if (openRuleId !== undefined && rules && !openRule) {
    return (
      <NotFound title="Rule not found" backLabel="Back to rules" onBack={backToList}>
        {`There is no rule ${openRuleId}. It may have been deleted, or the link is mistyped.`}
      </NotFound>
    );
  }
  if (creating || openRule) {
    return (
      <RuleEditor
        key={openRule?.id ?? 'new'}
        rule={openRule ?? null}
        products={status.seats.map((s) => ({ value: s.productKey, label: s.productName }))}
        onSaved={() => {
          backToList();
          load();
        }}
        onCancel={backToList}
      />
    );
  }
  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="medium" as="h2">
          Rules
        </Heading>
        <Button appearance="primary" onClick={() => setCreating(true)}>
          Create rule
        </Button>
      </Inline>
      {loadError !== null && <LoadFailed title="The rules could not be loaded" error={loadError} />}
      {rules === null && loadError === null && <Spinner label="Loading the rules" />}
      {rules && (
        <RuleList
          rules={rules}
          busy={busy}
          onEdit={(rule) => navigate({ screen: 'rules', ruleId: rule.id })}
          onSetEnabled={(rule, enabled) => void setEnabled(rule, enabled)}
          onDelete={(rule) => setDeleting({ rule, working: false })}
          onCreate={() => setCreating(true)}
        />
      )}
      <ConfirmDialog
        isOpen={deleting !== null}
        title={`Delete rule "${deleting?.rule.name ?? ''}"?`}
        confirmLabel="Delete rule"
        appearance="danger"
        isWorking={deleting?.working}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>
          The rule stops being analysed and run. Its past runs and their audit entries stay, and what its runs
          did can still be undone from Runs and audit. This cannot be reversed: to use the rule again, create
          it again.
        </p>
      </ConfirmDialog>
    </Stack>
  );
}
