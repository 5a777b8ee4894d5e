import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { JobStatusView } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { JobProgress } from '../../components/JobProgress';
import { useSessionState } from '../../components/useSessionState';
import { useFlags } from '../../flags';

/** The scan job survives leaving the tab (or reloading the page): its id is kept for the browser session. */
const JOB_KEY = 'inactive-user-cleanup:overview-scan-job';
const SCAN_ADVICE =
  'Test the connection in Settings; if it works, wait a few minutes (Atlassian may be limiting or failing ' +
  'requests) and run the scan again.';

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
      const started = await callResolver('startAnalysis', { refresh: true });
      setFailure(null);
      setJobId(started.id);
    } catch (err) {
      flags.showError('The scan could not start', err);
    } finally {
      setStarting(false);
    }
  };
  const finished = (status: JobStatusView) => {
    setJobId(null);
    if (status.state === 'completed') {
      flags.showSuccess('Scan complete', 'The overview shows the new figures.');
      onFinished();
    } else if (status.state === 'failed') {
      const reason = status.error ?? 'no reason was recorded.';
      setFailure(reason);
      flags.showProblem('The scan failed', `${reason} ${SCAN_ADVICE}`);
    } else {
      setFailure('The scan was cancelled; the figures are those of the last complete scan.');
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
          <p>
            {failure} {SCAN_ADVICE}
          </p>
        </SectionMessage>
      )}
      <Button appearance={appearance} isLoading={starting} onClick={() => void start()}>
        {label}
      </Button>
    </div>
  );
}
