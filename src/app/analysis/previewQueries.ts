import { InvalidInputError } from '../../domain/invalidInput';
import type { ResolverInput } from '../../contract/inputs';
import type { JobStatusView } from '../../jobs/types';
import type { Preview } from '../../store/previewStore';
import type { Services } from '../services';
import { storeFilters } from './decisionFilters';

/** The latest preview (or a named one) with its per-rule summaries; decisions are paged separately. */
export async function getPreview(
  services: Services,
  input: ResolverInput<'getPreview'>,
): Promise<Preview | null> {
  if (!input.previewId) return services.previews.latest();
  const preview = await services.previews.get(input.previewId);
  if (!preview)
    throw new InvalidInputError('previewId', `previewId: preview ${input.previewId} does not exist`);
  return preview;
}

/** One page of a rule's decisions, filtered (outcome, search, e-mail domain, group, account kind, activity) and sorted. */
export async function getPreviewDecisions(services: Services, input: ResolverInput<'getPreviewDecisions'>) {
  const preview = await services.previews.meta(input.previewId);
  if (!preview)
    throw new InvalidInputError('previewId', `previewId: preview ${input.previewId} does not exist`);
  if (!preview.ruleIds.includes(input.ruleId)) {
    throw new InvalidInputError('ruleId', `ruleId: the preview did not analyse rule ${input.ruleId}`);
  }
  return services.previews.pageDecisions(input.previewId, input.ruleId, {
    offset: input.offset,
    limit: input.limit,
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.search
      ? {
          search: input.search,
          searchAlsoMatches: await accountsWithEmailContaining(services, preview.snapshotId, input.search),
        }
      : {}),
    ...(input.sort ? { sort: input.sort } : {}),
    ...(await storeFilters(services, preview.snapshotId, input)),
  });
}

/** Accounts of the snapshot whose e-mail address contains `search`, case-insensitively (the preview holds no e-mail). */
async function accountsWithEmailContaining(
  services: Services,
  snapshotId: string,
  search: string,
): Promise<ReadonlySet<string>> {
  const needle = search.trim().toLowerCase();
  const found = new Set<string>();
  if (!needle) return found;
  for await (const { chunk, labels } of services.snapshots.readLabels(snapshotId)) {
    const hits = [...labels.entries()].filter(([, { email }]) => email?.toLowerCase().includes(needle));
    if (hits.length === 0) continue;
    const ids = await services.snapshots.idsOf(snapshotId, chunk);
    for (const [index] of hits) found.add(ids[index]!);
  }
  return found;
}

export async function getJob(services: Services, input: ResolverInput<'getJob'>): Promise<JobStatusView> {
  const status = await services.jobs.status(input.jobId);
  if (!status) throw new InvalidInputError('jobId', `jobId: job ${input.jobId} does not exist`);
  return status;
}

/** Asks the runner to stop a job; it shows as cancelled at once and stops at its next step. */
export async function cancelJob(
  services: Services,
  input: ResolverInput<'cancelJob'>,
  by: string,
): Promise<JobStatusView> {
  const cancelled = await services.jobs.cancel(input.jobId, by);
  if (!cancelled) throw new InvalidInputError('jobId', `jobId: job ${input.jobId} does not exist`);
  return getJob(services, { jobId: input.jobId });
}
