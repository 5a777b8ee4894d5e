import { InvalidInputError } from '../../domain/invalidInput';
import type { ResolverInput } from '../../contract/inputs';
import { PAGE_LIMITS } from '../../contract/inputs';
import type { PreviewExport } from '../../contract/answers';
import { FORGE_LIMITS } from '../../platform/forgeLimits';
import { csvDocument, csvRow } from '../../store/csv';
import type { Services } from '../services';
import { storeFilters } from './decisionFilters';

export type { PreviewExport };

const HEADER = ['name', 'accountId', 'outcome', 'lastActiveAt', 'why'];
/** Room left in the bridge's answer for the JSON around the CSV text. */
const ANSWER_MARGIN_BYTES = 64 * 1024;

/**
 * A preview's decisions for one rule (optionally one outcome, filtered as the table is) as CSV, names and account ids in their own columns,
 * in the order the table lists them. Stops at whole rows before the answer outgrows what the bridge carries.
 */
export async function exportPreviewDecisions(
  services: Services,
  input: ResolverInput<'exportPreviewDecisions'>,
  options: { maxBytes?: number } = {},
): Promise<PreviewExport> {
  const { previewId, ruleId, outcome } = input;
  const preview = await services.previews.meta(previewId);
  if (!preview) throw new InvalidInputError('previewId', `previewId: preview ${previewId} does not exist`);
  if (!preview.ruleIds.includes(ruleId)) {
    throw new InvalidInputError('ruleId', `ruleId: the preview did not analyse rule ${ruleId}`);
  }
  const filters = await storeFilters(services, preview.snapshotId, input);
  const budget = options.maxBytes ?? FORGE_LIMITS.bridge.maxInvokeResponseBytes - ANSWER_MARGIN_BYTES;
  const rows: unknown[][] = [];
  let bytes = encodedBytes(csvRow(HEADER));
  let total = 0;
  let truncated = false;
  for (let offset = 0; !truncated; offset += PAGE_LIMITS.decisions) {
    const page = await services.previews.pageDecisions(previewId, ruleId, {
      offset,
      limit: PAGE_LIMITS.decisions,
      ...(outcome ? { outcome } : {}),
      ...filters,
    });
    total = page.total;
    for (const d of page.items) {
      const row = [d.name, d.accountId, d.outcome, d.lastActiveAt ?? '', d.explanation];
      const rowBytes = encodedBytes(csvRow(row));
      if (bytes + rowBytes > budget) {
        truncated = true;
        break;
      }
      rows.push(row);
      bytes += rowBytes;
    }
    if (offset + PAGE_LIMITS.decisions >= page.total) break;
  }
  return {
    filename: `inactive-user-cleanup-preview-${previewId}-${ruleId}${outcome ? `-${outcome}` : ''}.csv`,
    contentType: 'text/csv',
    content: csvDocument(HEADER, rows),
    rows: rows.length,
    truncated,
    message: truncated
      ? `The file holds the first ${rows.length} of ${total} users, the most one download can carry. ` +
        'Export one outcome at a time to get the rest.'
      : null,
  };
}

/** Bytes the text takes as a JSON string in the resolver's answer (quotes and line breaks are escaped there). */
function encodedBytes(text: string): number {
  return new TextEncoder().encode(JSON.stringify(text)).length - 2;
}
