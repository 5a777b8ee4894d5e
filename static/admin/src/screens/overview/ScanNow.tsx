import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { JobStatus } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { JobProgress } from '../../components/JobProgress';
import { useSessionState } from '../../components/useSessionState';
import { useFlags } from '../../flags';

/** The scan job survives leaving the tab (or reloading the page): its id is kept for the browser session. */
const JOB_KEY = 'inactive-user-cleanup:overview-scan-job';

/**
 * "Run a scan" and its progress: starts an analysis that rescans the org, follows the job, and calls `onFinished`
 * when it completes so the Overview reloads its figures.
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
  const [jobId, setJobId] = useSessionState(JOB_KEY);
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    try {
      const started = await callResolver<JobStatus>('startAnalysis', { refresh: true });
      setFailure(null);
      setJobId(started.id);
    } catch (err) {
      flags.showError('The scan could not start', err);
    } finally {
      setStarting(false);
    }
  };
  const finished = (status: JobStatus) => {
    setJobId(null);
    if (status.state === 'completed') {
      flags.showSuccess('Scan complete', 'The overview shows the new figures.');
      onFinished();
    } else {
      setFailure(status.error ?? `The scan was ${status.state}.`);
    }
  };
  const lost = (err: unknown) => {
    setJobId(null);
    flags.showError('Could not follow the scan', err);
  };

  if (jobId !== null) {
    return (
      <div className="scan-progress">
        <JobProgress jobId={jobId} label="Scan" onFinished={finished} onPollError={lost} />
      </div>
    );
  }
  return (
    <div className="scan-now">
      {failure && (
        <SectionMessage appearance="error" title="The scan did not finish">
          <p>{failure} Run it again; if it keeps failing, test the connection in Settings.</p>
        </SectionMessage>
      )}
      <Button appearance={appearance} isLoading={starting} onClick={() => void start()}>
        {label}
      </Button>
    </div>
  );
}
