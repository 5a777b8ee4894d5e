import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { JobStatusView } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { JobProgress } from '../../components/JobProgress';
import { useFlags } from '../../flags';
import { Checkbox } from '../../components/formFields';
import { rememberAnalysis, rememberedAnalysis } from './analysisJob';

const ANALYSIS_ADVICE =
  'Run it again; if it keeps failing, test the connection in Settings and check the app logs.';

/** "Run analysis", optionally scanning the org again first, with its progress until the preview is ready. */
export function RunAnalysis({ onCompleted }: { onCompleted(): void }) {
  const flags = useFlags();
  const [jobId, setJobId] = useState<string | null>(rememberedAnalysis);
  const [refresh, setRefresh] = useState(false);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const track = (id: string | null) => {
    rememberAnalysis(id);
    setJobId(id);
  };
  const start = async () => {
    setStarting(true);
    setFailure(null);
    try {
      track((await callResolver('startAnalysis', refresh ? { refresh: true } : {})).id);
    } catch (err) {
      flags.showError('The analysis could not start', err);
    } finally {
      setStarting(false);
    }
  };
  const finished = (status: JobStatusView) => {
    track(null);
    if (status.state === 'completed') {
      flags.showSuccess('Analysis complete', status.progress?.message ?? '');
      onCompleted();
    } else if (status.state === 'failed') {
      const reason = status.error ?? 'no reason was recorded.';
      setFailure(reason);
      flags.showProblem('The analysis failed', `${reason} ${ANALYSIS_ADVICE}`);
    } else {
      setFailure('The analysis was cancelled; nothing was changed.');
    }
  };

  return (
    <Stack space="space.150">
      <Inline space="space.200" alignBlock="center" shouldWrap>
        <Button
          appearance="primary"
          onClick={() => void start()}
          isLoading={starting}
          isDisabled={jobId !== null}
        >
          Run analysis
        </Button>
        <Checkbox
          id="analyse-refresh"
          label="Scan the organization again first (otherwise a scan under a day old is reused)"
          checked={refresh}
          disabled={jobId !== null}
          onChange={setRefresh}
        />
      </Inline>
      {jobId && <JobProgress jobId={jobId} label="Analysis" onFinished={finished} />}
      {failure && (
        <SectionMessage appearance="error" title="The analysis did not finish">
          <p>
            {failure} {ANALYSIS_ADVICE}
          </p>
        </SectionMessage>
      )}
    </Stack>
  );
}
