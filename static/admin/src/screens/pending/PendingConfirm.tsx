import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { callResolver } from '../../api';
import { useFlags } from '../../flags';
import type { PendingRow } from './types';

export type PendingOperation = 'extend' | 'cancel' | 'act-now';

/** How many picked users the dialog names one by one; the rest are counted. */
const USERS_LISTED = 20;
const DAY_MS = 86_400_000;

const TITLES: Record<PendingOperation, string> = {
  extend: 'Extend the warning period?',
  cancel: 'Cancel these warnings?',
  'act-now': 'Act on these users now?',
};

/** Asks before extend, cancel or act now, saying exactly what will happen to whom. */
export function PendingConfirm({
  operation,
  rows,
  onClose,
  onDone,
}: {
  operation: PendingOperation;
  rows: PendingRow[];
  onClose(): void;
  onDone(): void;
}) {
  const flags = useFlags();
  const [days, setDays] = useState('7');
  const [working, setWorking] = useState(false);
  const dayCount = Number(days);
  const daysValid = Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 90;
  const ruleId = rows[0]!.ruleId;
  const accountIds = rows.map((r) => r.accountId);

  const confirm = () => {
    setWorking(true);
    const call =
      operation === 'extend'
        ? callResolver('extendPending', { ruleId, accountIds, days: dayCount })
        : operation === 'cancel'
          ? callResolver('cancelPending', { ruleId, accountIds })
          : callResolver('actOnPendingNow', { ruleId, accountIds, confirm: true });
    call.then(
      () => {
        flags.showSuccess(doneTitle(operation, rows.length));
        onDone();
      },
      (err: unknown) => {
        setWorking(false);
        flags.showError('Nothing was changed', err);
      },
    );
  };

  return (
    <Modal onClose={onClose} width="medium">
      <ModalHeader>
        <ModalTitle appearance={operation === 'act-now' ? 'warning' : undefined}>
          {TITLES[operation]}
        </ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.200">
          <Text as="p">{effectOf(operation, rows.length, rows[0]!.ruleName)}</Text>
          {operation === 'extend' && (
            <div>
              <Label htmlFor="extend-days">Days to add (1 to 90)</Label>
              <Textfield
                id="extend-days"
                type="number"
                min={1}
                max={90}
                value={days}
                isInvalid={!daysValid}
                aria-describedby="extend-days-help"
                onChange={(e) => setDays(e.currentTarget.value)}
              />
              <Text as="p" size="small" id="extend-days-help">
                {daysValid
                  ? 'Each new due date is shown below.'
                  : 'Enter a whole number of days from 1 to 90.'}
              </Text>
            </div>
          )}
          <ul aria-label="Picked users">
            {rows.slice(0, USERS_LISTED).map((row) => (
              <li key={row.accountId}>
                <Text weight="medium">{row.name}</Text>: due {row.dueAt.slice(0, 10)}
                {operation === 'extend' && daysValid
                  ? ` → ${new Date(Date.parse(row.dueAt) + dayCount * DAY_MS).toISOString().slice(0, 10)}`
                  : ''}
              </li>
            ))}
          </ul>
          {rows.length > USERS_LISTED && <Text as="p">and {rows.length - USERS_LISTED} more.</Text>}
          <Text as="p">Every change is written to the audit log.</Text>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose} isDisabled={working}>
          Keep as is
        </Button>
        <Button
          appearance={operation === 'act-now' ? 'warning' : 'primary'}
          onClick={confirm}
          isLoading={working}
          isDisabled={operation === 'extend' && !daysValid}
          autoFocus
        >
          {buttonText(operation, rows.length)}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function users(count: number): string {
  return count === 1 ? '1 user' : `${count} users`;
}

function effectOf(operation: PendingOperation, count: number, ruleName: string): string {
  switch (operation) {
    case 'extend':
      return `The due dates of ${users(count)} warned by rule '${ruleName}' move later by the days you choose. Nothing else changes, and no new e-mail is sent.`;
    case 'cancel':
      return `The warnings of ${users(count)} are withdrawn: nothing is done to them now. If they are still inactive at a later run of rule '${ruleName}', they are warned again; to exempt someone for good, add them to the protections in Settings.`;
    case 'act-now':
      return `A run of rule '${ruleName}' starts now and acts on ${users(count)} before their warning period ends, with the rule's actions. Each user is re-checked just before: anyone active again is not acted on and their warning is cancelled. Changes can be undone from Runs and audit.`;
  }
}

function buttonText(operation: PendingOperation, count: number): string {
  switch (operation) {
    case 'extend':
      return `Extend ${users(count)}`;
    case 'cancel':
      return `Cancel ${count === 1 ? '1 warning' : `${count} warnings`}`;
    case 'act-now':
      return `Act on ${users(count)} now`;
  }
}

function doneTitle(operation: PendingOperation, count: number): string {
  switch (operation) {
    case 'extend':
      return `Extended ${users(count)}`;
    case 'cancel':
      return `Cancelled ${count === 1 ? '1 warning' : `${count} warnings`}`;
    case 'act-now':
      return `A run acting on ${users(count)} started; follow it in Runs and audit`;
  }
}
