import { InvalidInputError } from '../domain/invalidInput';
import type { ResolverInput } from '../contract/inputs';
import type { JobStatus } from '../jobs/types';
import type { Preview } from '../store/previewStore';
import type { Services } from './services';

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
    ...(input.search ? { search: input.search } : {}),
    ...(input.sort ? { sort: input.sort } : {}),
  });
}

export async function getJob(services: Services, input: ResolverInput<'getJob'>): Promise<JobStatus> {
  const status = await services.jobs.status(input.jobId);
  if (!status) throw new InvalidInputError('jobId', `jobId: job ${input.jobId} does not exist`);
  return status;
}
