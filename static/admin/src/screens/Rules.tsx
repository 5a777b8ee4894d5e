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
import { RuleEditor } from './rules/RuleEditor';
import { RuleList } from './rules/RuleList';
import type { RuleView } from '../../../../src/contract';

type Editing = { rule: RuleView | null } | null;

export function Rules({ status }: ScreenProps) {
  const flags = useFlags();
  const [rules, setRules] = useState<RuleView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing>(null);
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

  if (editing) {
    return (
      <RuleEditor
        rule={editing.rule}
        products={status.seats.map((s) => ({ value: s.productKey, label: s.productName }))}
        onSaved={() => {
          setEditing(null);
          load();
        }}
        onCancel={() => setEditing(null)}
      />
    );
  }
  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="medium" as="h2">
          Rules
        </Heading>
        <Button appearance="primary" onClick={() => setEditing({ rule: null })}>
          Create rule
        </Button>
      </Inline>
      {loadError !== null && <LoadFailed title="The rules could not be loaded" error={loadError} />}
      {rules === null && loadError === null && <Spinner label="Loading the rules" />}
      {rules && (
        <RuleList
          rules={rules}
          busy={busy}
          onEdit={(rule) => setEditing({ rule })}
          onSetEnabled={(rule, enabled) => void setEnabled(rule, enabled)}
          onDelete={(rule) => setDeleting({ rule, working: false })}
          onCreate={() => setEditing({ rule: null })}
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
