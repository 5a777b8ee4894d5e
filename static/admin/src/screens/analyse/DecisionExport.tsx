import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { Outcome } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { SavedFileLink, useDownload } from '../../components/Download';
import { useFlags } from '../../flags';
import type { DecisionFilterQuery } from './decisionFilters';

export interface DecisionExportProps {
  previewId: string;
  ruleId: string;
  /** The outcome the table shows; null for everyone in scope. */
  outcome: Outcome | null;
  /** The table's filters. */
  filters: DecisionFilterQuery;
}

/** "Download CSV" of the rule's decisions the table's outcome and filters show (every page, not only the loaded one). */
export function DecisionExport({ previewId, ruleId, outcome, filters }: DecisionExportProps) {
  const flags = useFlags();
  const download = useDownload();
  const [exporting, setExporting] = useState(false);
  const [truncatedMessage, setTruncatedMessage] = useState<string | null>(null);

  const exportCsv = () => {
    setExporting(true);
    setTruncatedMessage(null);
    callResolver('exportPreviewDecisions', { previewId, ruleId, ...(outcome ? { outcome } : {}), ...filters })
      .then((file) => {
        download.save(file);
        setTruncatedMessage(file.truncated ? file.message : null);
      })
      .catch((err: unknown) => flags.showError('The CSV export failed', err))
      .finally(() => setExporting(false));
  };

  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center">
        <Button onClick={exportCsv} isLoading={exporting}>
          Download CSV
        </Button>
      </Inline>
      <SavedFileLink file={download.saved} />
      {truncatedMessage !== null && (
        <SectionMessage appearance="warning" title="The file holds only part of the users">
          <p>{truncatedMessage}</p>
        </SectionMessage>
      )}
    </Stack>
  );
}
