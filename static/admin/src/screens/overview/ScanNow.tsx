import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import type { JobStatus } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { useFlags } from '../../flags';

/** The scan job survives leaving the tab (or reloading the page): its id is kept for the browser session. */
const JOB_KEY = 'inactive-user-cleanup:overview-scan-job';
const POLL_MS = 1500;

/**
 * "Run a scan" and its progress: starts an analysis that rescans the org, polls the job, and calls `onFinished` when
 * it completes so the Overview reloads its figures.
 */
export function ScanNow({
  label = 'Run a scan',
  appearance = 'primary',
  onFinished,
}: {
  label?: string;
  appearance?: 'primary' | 'default';
  onFinished(): void;
}) {
  const flags = useFlags();
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(JOB_KEY));
  const [job, setJob] = useState<JobStatus | null>(null);
  const [starting, setStarting] = useState(false);

  const forget = useCallback(() => {
    sessionStorage.removeItem(JOB_KEY);
    setJobId(null);
  }, []);

  useEffect(() => {
    if (jobId === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const status = await callResolver<JobStatus>('getJob', { jobId });
        if (cancelled) return;
        setJob(status);
        if (status.state === 'completed') {
          forget();
          flags.showSuccess('Scan complete', 'The overview shows the new figures.');
          onFinished();
          return;
        }
        if (status.state === 'failed' || status.state === 'cancelled') {
          forget();
          return;
        }
      } catch (err) {
        if (cancelled) return;
        forget();
        flags.showError('Could not follow the scan', err);
        return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId, flags, forget, onFinished]);

  const start = async () => {
    setStarting(true);
    try {
      const started = await callResolver<JobStatus>('startAnalysis', { refresh: true });
      sessionStorage.setItem(JOB_KEY, started.id);
      setJob(started);
      setJobId(started.id);
    } catch (err) {
      flags.showError('The scan could not start', err);
    } finally {
      setStarting(false);
    }
  };

  if (jobId !== null) {
    const progress = job?.progress;
    const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : null;
    return (
      <div className="scan-progress" aria-live="polite">
        <ProgressBar
          ariaLabel="Scan progress"
          isIndeterminate={fraction === null}
          {...(fraction === null ? {} : { value: fraction })}
        />
        <p>{progress?.message ?? 'The scan is queued. You can leave this page and come back.'}</p>
      </div>
    );
  }
  return (
    <div className="scan-now">
      {job && (job.state === 'failed' || job.state === 'cancelled') && (
        <SectionMessage appearance="error" title="The scan did not finish">
          <p>
            {job.error ?? `The scan was ${job.state}.`} Run it again; if it keeps failing, test the connection
            in Settings.
          </p>
        </SectionMessage>
      )}
      <Button appearance={appearance} isLoading={starting} onClick={() => void start()}>
        {label}
      </Button>
    </div>
  );
}
