/**
 * The naive baseline: what most admin scripts do to find inactive users. List the directory's users, then ask
 * the v1 `last-active-dates` endpoint once per user, one call after another, honouring 429s. It runs against the
 * same sandbox (latency and rate limits included) for up to `sample` users; for a larger org its calls are
 * counted exactly and its time is modelled from the sample's mean time per call.
 */
import type { RunningSandbox } from '../sandbox/start';

export interface NaiveFigures {
  users: number;
  /** Users really called for. */
  sampledUsers: number;
  /** `measured` when the whole org was called for; `modelled` when figures are scaled from the sample. */
  basis: 'measured' | 'modelled';
  listCalls: number;
  perUserCalls: number;
  calls: number;
  rateLimited: number;
  /** Time on the sandbox clock, waits for Retry-After included. */
  platformTimeMs: number;
  meanCallMs: number;
}

const PAGE_SIZE = 100;

export async function runNaiveBaseline(sandbox: RunningSandbox, sample: number): Promise<NaiveFigures> {
  const { orgId, directory } = sandbox.ctx.org.identity;
  const total = sandbox.ctx.org.users.length;
  const wanted = Math.min(total, sample);
  const headers = {
    Authorization: `Bearer ${sandbox.ctx.credentials.orgApiKey}`,
    Accept: 'application/json',
  };
  let calls = 0;
  let rateLimited = 0;
  const get = async (url: string): Promise<unknown> => {
    for (;;) {
      calls += 1;
      const res = await fetch(url, { headers });
      if (res.status === 429) {
        rateLimited += 1;
        const waitSeconds = Number(res.headers.get('retry-after') ?? '1');
        sandbox.ctx.clock.setNow(new Date(sandbox.ctx.clock.now() + waitSeconds * 1000));
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) throw new Error(`naive baseline: ${url} answered ${res.status}`);
      return res.json();
    }
  };

  const started = sandbox.ctx.clock.now();
  const accountIds: string[] = [];
  let cursor: string | undefined;
  let listCalls = 0;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
    const page = (await get(
      `${sandbox.url}/admin/v2/orgs/${orgId}/directories/${directory.directoryId}/users?${query}`,
    )) as { data: Array<{ accountId: string }>; links?: { next?: string } };
    listCalls += 1;
    accountIds.push(...page.data.map((u) => u.accountId));
    cursor = page.links?.next;
  } while (cursor && accountIds.length < wanted);
  for (const accountId of accountIds.slice(0, wanted)) {
    await get(`${sandbox.url}/admin/v1/orgs/${orgId}/directory/users/${accountId}/last-active-dates`);
  }
  const sampledMs = sandbox.ctx.clock.now() - started;
  const sampledCalls = listCalls + wanted;
  const meanCallMs = sampledMs / sampledCalls;
  const fullListCalls = Math.ceil(total / PAGE_SIZE);
  const fullCalls = fullListCalls + total;
  return {
    users: total,
    sampledUsers: wanted,
    basis: wanted === total ? 'measured' : 'modelled',
    listCalls: fullListCalls,
    perUserCalls: total,
    calls: wanted === total ? calls : fullCalls,
    rateLimited: wanted === total ? rateLimited : Math.round((rateLimited * fullCalls) / sampledCalls),
    platformTimeMs: Math.round(wanted === total ? sampledMs : meanCallMs * fullCalls),
    meanCallMs: Math.round(meanCallMs),
  };
}
