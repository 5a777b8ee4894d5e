import type { RunningSandbox, SandboxOptions } from '../../sandbox/start';
import type { JobStatus, ResolverResult } from '../../src/contract';
import { startTestSandbox } from './sandbox';

/** Calls the app's resolvers as the admin page's bridge would, through the sandbox's Forge host. */
export function appClient(sandbox: RunningSandbox, as: 'admin' | 'jiraAdmin' | 'nonAdmin' = 'admin') {
  const call = async <T>(functionKey: string, payload: unknown = {}): Promise<ResolverResult<T>> => {
    const res = await fetch(`${sandbox.url}/__sandbox/invoke/${functionKey}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ payload, as }),
    });
    const answer = (await res.json()) as {
      ok: boolean;
      body?: ResolverResult<T>;
      error?: { message: string };
    };
    if (!answer.ok) throw new Error(`invoke ${functionKey} failed: ${answer.error?.message}`);
    return answer.body!;
  };
  /** The data of a successful call; fails the test with the app's error otherwise. */
  const data = async <T>(functionKey: string, payload: unknown = {}): Promise<T> => {
    const result = await call<T>(functionKey, payload);
    if (!result.ok) throw new Error(`${functionKey}: ${result.error.code}: ${result.error.message}`);
    return result.data;
  };
  /** Delivers every pending job step, moving the sandbox clock to each delayed one: time passing on Forge. */
  const settle = () =>
    sandbox.host.queue.drain({
      passTime: (to) => {
        if (to > sandbox.ctx.clock.now()) sandbox.ctx.clock.setNow(new Date(to));
      },
    });
  /** Saves the connection to the sandbox's org, with its valid API key unless given another. */
  const connect = (apiKey: string = sandbox.ctx.credentials.orgApiKey) =>
    data('saveConnection', { orgId: sandbox.ctx.org.identity.orgId, apiKey });
  /** Starts an analysis and delivers every job step; the job as it was started. */
  const analyse = async (payload: { refresh?: boolean } = {}): Promise<JobStatus> => {
    const job = await data<JobStatus>('startAnalysis', payload);
    await settle();
    return job;
  };
  /** Turns organization scope on (the sandbox admin is an org admin): suspension and other sites' products allowed. */
  const enableOrgScope = () => data('setAppScope', { scope: 'org' });
  /** Connects with the valid key and turns organization scope on: where tests whose rules suspend start. */
  const connectWithOrgScope = async (): Promise<void> => {
    await connect();
    await enableOrgScope();
  };
  return { call, data, settle, connect, analyse, enableOrgScope, connectWithOrgScope };
}

export type AppClient = ReturnType<typeof appClient>;

/** A sandbox for the test file and the admin's client of the app on it. */
export async function startSandboxApp(
  options: Partial<SandboxOptions>,
): Promise<{ sandbox: RunningSandbox; app: AppClient }> {
  const sandbox = await startTestSandbox(options);
  return { sandbox, app: appClient(sandbox) };
}
