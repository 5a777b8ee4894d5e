import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import { Stack, Text } from '@atlaskit/primitives';
import type { RunRecord } from '../../../../../src/contract';
import { isActive, processed, RUN_STATES } from './format';

export function RunStateLozenge({ run }: { run: RunRecord }) {
  const { label, appearance } = RUN_STATES[run.state];
  return <Lozenge appearance={appearance}>{label}</Lozenge>;
}

/** How far a planned or running run has got; nothing once it has finished. */
export function RunProgress({ run }: { run: RunRecord }) {
  if (!isActive(run)) return null;
  const done = processed(run);
  const total = run.counts.planned;
  const unit = run.trigger === 'undo' ? 'changes reversed' : 'users processed';
  const text = `${done.toLocaleString()} of ${total.toLocaleString()} ${unit}`;
  return (
    <Stack space="space.050">
      <ProgressBar
        ariaLabel={`Progress of run ${run.id}: ${text}`}
        value={total > 0 ? done / total : 0}
        isIndeterminate={run.state === 'planned'}
      />
      <Text size="small" color="color.text.subtle">
        {run.state === 'planned' ? 'Waiting to start' : text}
      </Text>
    </Stack>
  );
}
