/**
 * CPU time of evaluating every user of the scanned org against the bench's rules, in this process, with the
 * snapshot and rules the app stored: the way analysis judges (each user against every rule in turn, verdicts only,
 * sentences only for what is read) and, for comparison, rule by rule, and with a full decision and its sentence
 * built for every user in scope (`evaluateRule`).
 */
import type { RunningSandbox } from '../sandbox/start';
import type { DirectoryGroup, DirectoryUser } from '../src/domain/directory';
import { evaluateRule, ruleJudge, ruleJudges, type EvaluationContext } from '../src/domain/evaluation';
import type { KeyValuePage, KeyValueStore, SecretStore } from '../src/platform/ports';
import { SettingsStore } from '../src/store/settingsStore';
import { SnapshotStore } from '../src/store/snapshotStore';

export interface EvaluationFigures {
  users: number;
  rules: number;
  /** Users in scope summed over the rules: the decisions a preview keeps. */
  decisions: number;
  /** As analysis judges: each user against every rule in turn, sharing what does not depend on the rule. */
  verdictsCpuMs: number;
  /** Every user against one rule, then the next rule: nothing shared between rules. */
  verdictsRuleByRuleCpuMs: number;
  withSentencesCpuMs: number;
}

export async function measureEvaluation(
  sandbox: RunningSandbox,
  expectedRules: number,
): Promise<EvaluationFigures> {
  const kv = readOnlyView(sandbox);
  const snapshots = new SnapshotStore(kv);
  const snapshot = await snapshots.latestComplete();
  if (!snapshot) throw new Error('no complete snapshot to evaluate');
  const users: DirectoryUser[] = [];
  for await (const chunk of snapshots.readUsers(snapshot.id)) users.push(...chunk);
  const rules = await new SettingsStore(kv).listRules();
  if (rules.length !== expectedRules)
    throw new Error(`expected ${expectedRules} rules, found ${rules.length}`);
  const ctx: EvaluationContext = {
    now: new Date(),
    settings: { protectedAccountIds: [], protectedGroupIds: [] },
    appAccountId: null,
    configuringAdminIds: [],
    groupsById: new Map<string, DirectoryGroup>(snapshot.groups.map((g) => [g.id, g])),
    products: snapshot.products,
  };

  let decisions = 0;
  const verdictsCpuMs = cpuMs(() => {
    const judges = ruleJudges(rules, ctx);
    for (const user of users) for (const judge of judges) if (judge.inScope(user)) decisions += 1;
  });
  const verdictsRuleByRuleCpuMs = cpuMs(() => {
    for (const rule of rules) {
      const judge = ruleJudge(rule, ctx);
      for (const user of users) judge.inScope(user);
    }
  });
  const withSentencesCpuMs = cpuMs(() => {
    for (const rule of rules) evaluateRule(users, rule, ctx);
  });
  return {
    users: users.length,
    rules: rules.length,
    decisions,
    verdictsCpuMs,
    verdictsRuleByRuleCpuMs,
    withSentencesCpuMs,
  };
}

function cpuMs(work: () => void): number {
  global.gc?.();
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}

/** The app's stored data, read straight from the sandbox's store without counting as the app's reads. */
function readOnlyView(sandbox: RunningSandbox): KeyValueStore & SecretStore {
  const kvs = sandbox.host.kvs;
  const refuse = () => Promise.reject(new Error('the benchmark only reads the app’s storage'));
  return {
    get: <T>(key: string) => Promise.resolve(kvs.peek(key) as T | undefined),
    set: refuse,
    delete: refuse,
    transact: refuse,
    getSecret: () => Promise.resolve(undefined),
    setSecret: refuse,
    deleteSecret: refuse,
    query: <T>(prefix: string, options: { cursor?: string; limit?: number } = {}) => {
      const keys = kvs.keys(prefix);
      const start = Number(options.cursor ?? 0);
      const end = start + (options.limit ?? 100);
      const page: KeyValuePage<T> = {
        results: keys.slice(start, end).map((key) => ({ key, value: kvs.peek(key) as T })),
        ...(end < keys.length ? { nextCursor: String(end) } : {}),
      };
      return Promise.resolve(page);
    },
  };
}
