/**
 * The analysis in progress, kept outside the screen: the tabs unmount a screen that is left, and coming back must
 * resume its progress bar rather than lose the job.
 */
let runningJobId: string | null = null;

export function rememberAnalysis(jobId: string | null): void {
  runningJobId = jobId;
}

export function rememberedAnalysis(): string | null {
  return runningJobId;
}
