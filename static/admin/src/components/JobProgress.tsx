import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { JobStatusView } from '../../../../src/contract';
import { callResolver, messageOf } from '../api';
import { formatCount, formatDuration } from '../format';

const POLL_MS = 1000;
const FINISHED: ReadonlySet<JobStatusView['state']> = new Set(['completed', 'failed', 'cancelled']);

export interface JobProgressProps {
  jobId: string;
  /** What the job does, for the progress bar's accessible name: "Analysis". */
  label: string;
  /**
   * Called once, with the job's last status, when it completed, failed or was cancelled. A job that has given up
   * is reported as failed at once, before its clean-up has run.
   */
  onFinished(status: JobStatusView): void;
  /** Called when the job cannot be read (a polling error); polling goes on. */
  onPollError?(err: unknown): void;
}

/** Polls `getJob` every second: the phase and counts, time elapsed, retries with their reason, and Cancel. */
export function JobProgress({ jobId, label, onFinished, onPollError }: JobProgressProps) {
  const [status, setStatus] = useState<JobStatusView | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const callbacks = useRef({ onFinished, onPollError });
  callbacks.current = { onFinished, onPollError };

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await callResolver('getJob', { jobId });
        if (stopped) return;
        setStatus(next);
        setPollError(null);
        const outcome = outcomeOf(next);
        if (outcome) {
          callbacks.current.onFinished({ ...next, state: outcome });
          return;
        }
      } catch (err) {
        if (stopped) return;
        setPollError(`The progress could not be read (${messageOf(err)}); trying again.`);
        callbacks.current.onPollError?.(err);
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const cancel = async () => {
    setCancelling(true);
    try {
      setStatus(await callResolver('cancelJob', { jobId }));
    } catch (err) {
      setPollError(`The ${label.toLowerCase()} could not be cancelled (${messageOf(err)}).`);
      setCancelling(false);
    }
  };

  const progress = status?.progress;
  const share = progress?.total ? Math.min(progress.done / progress.total, 1) : null;
  const retry = status ? retryInWords(status) : null;
  return (
    <Stack space="space.100">
      <ProgressBar
        ariaLabel={`${label} progress`}
        value={share ?? 0}
        isIndeterminate={share === null && !FINISHED.has(status?.state ?? 'queued')}
      />
      <Inline space="space.200" alignBlock="center" shouldWrap>
        {/* Atlaskit's Text drops a role, so the live region is a plain element around it. */}
        <div role="status">
          <Text as="p">{pollError ?? describeProgress(status)}</Text>
        </div>
        {status && (
          <Text as="p" color="color.text.subtle" testId="job-elapsed">
            Elapsed {formatDuration(elapsedMs(status))}
          </Text>
        )}
        <Button
          appearance="subtle"
          isDisabled={!status || cancelling || outcomeOf(status) !== null}
          onClick={() => void cancel()}
        >
          Cancel {label.toLowerCase()}
        </Button>
      </Inline>
      {retry && (
        <Text as="p" color="color.text.warning" testId="job-retry">
          {retry}
        </Text>
      )}
    </Stack>
  );
}

/** The outcome the page can report: the stored one, or a failure already decided. */
function outcomeOf(status: JobStatusView): JobStatusView['state'] | null {
  if (FINISHED.has(status.state)) return status.state;
  return status.decidedOutcome === 'failed' ? 'failed' : null;
}

function elapsedMs(status: JobStatusView): number {
  const end = status.finishedAt ?? status.readAt;
  return Math.max(0, Date.parse(end) - Date.parse(status.createdAt));
}

function retryInWords(status: JobStatusView): string | null {
  if (!status.error || status.nextAttemptAt === null || FINISHED.has(status.state)) return null;
  const waitMs = Math.max(0, Date.parse(status.nextAttemptAt) - Date.parse(status.readAt));
  const failed = status.retries;
  return (
    `${failed === 1 ? 'An attempt' : `${failed} attempts`} failed so far; the last: ${status.error} ` +
    `Trying again in ${formatDuration(waitMs)} (the job gives up after ${status.maxAttempts} failed attempts in a row).`
  );
}

function describeProgress(status: JobStatusView | null): string {
  if (!status) return 'Starting…';
  const message = status.progress?.message;
  switch (status.state) {
    case 'queued':
      return status.retries > 0
        ? 'Not started: the first step failed.'
        : 'Waiting for the job queue to start it…';
    case 'running':
      return message ?? countsInWords(status) ?? `Working: step ${status.step + 1}…`;
    case 'completed':
      return message ?? 'Done.';
    case 'failed':
      return `Failed: ${status.error ?? 'no reason was recorded'}`;
    case 'cancelled':
      return 'Cancelled.';
  }
}

function countsInWords(status: JobStatusView): string | null {
  const progress = status.progress;
  if (!progress) return null;
  return progress.total === null
    ? `${formatCount(progress.done)} done`
    : `${formatCount(progress.done)} of ${formatCount(progress.total)} done`;
}
