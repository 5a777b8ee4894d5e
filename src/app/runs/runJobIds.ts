/** The job that carries out a run: one per run, so starting it twice starts it once. */
export const runJobId = (runId: string): string => `run-${runId}`;

/** The job of an undo run. */
export const undoJobId = (undoRunId: string): string => `job-${undoRunId}`;
