/**
 * CPU time of evaluating every user of the scanned org against the bench's rules, in this process, with the
 * snapshot and rules the app stored: the way analysis judges (each user against every rule in turn, verdicts only,
 * sentences only for what is read) and, for comparison, rule by rule, and with a full decision and its sentence
 * built for every user in scope (`evaluateRule`).
 *
 * `npx tsx bench/evaluationCpu.ts [users]` measures the same on a generated org without a sandbox or a scan: the
 * users as the Organizations API lists them, mapped as the scan maps them, and the bench's rules as saving them
 * validates them.
 */
import { generateOrg } from '../sandbox/org/generate';
import type { OrgModel } from '../sandbox/org/model';
import { isListed, USER_EXPANDS, userJson } from '../sandbox/orgapi/userView';
import type { RunningSandbox } from '../sandbox/start';
import { toDirectoryUser } from '../src/atlassian/orgUserMapping';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from '../src/domain/directory';
import { evaluateRule, ruleJudge, ruleJudges, type EvaluationContext } from '../src/domain/evaluation';
import type { Rule } from '../src/domain/rule';
import { ruleValidationContextOf, validateRuleInput } from '../src/domain/ruleValidation';
import type { KeyValuePage, KeyValueStore, SecretStore } from '../src/platform/ports';
import { SettingsStore } from '../src/store/settingsStore';
import { SnapshotStore } from '../src/store/snapshotStore';
import { benchRules } from './rules';

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
  const rules = await new SettingsStore(kv, { now: () => new Date() }).listRules();
  if (rules.length !== expectedRules)
    throw new Error(`expected ${expectedRules} rules, found ${rules.length}`);
  return measureJudging(users, rules, contextOf(snapshot.groups, snapshot.products, new Date()));
}

function contextOf(groups: DirectoryGroup[], products: ProductInfo[], now: Date): EvaluationContext {
  return {
    now,
    settings: { protectedAccountIds: [], protectedGroupIds: [] },
    appAccountId: null,
    configuringAdminIds: [],
    groupsById: new Map<string, DirectoryGroup>(groups.map((g) => [g.id, g])),
    products,
  };
}

/** Judges `users` against `rules` three ways (see the module comment), each timed in CPU milliseconds. */
export function measureJudging(
  users: readonly DirectoryUser[],
  rules: readonly Rule[],
  ctx: EvaluationContext,
): EvaluationFigures {
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

export function cpuMs(work: () => void): number {
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
    create: refuse,
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

/** A generated org's users, groups and products as a scan would store them, and the bench's rules as saved. */
export function generatedInput(userCount: number, ruleCount: number, now: Date) {
  const { org } = generateOrg({ users: userCount, seed: 42, now: now.getTime() });
  const expand = new Set(USER_EXPANDS);
  const users = org.users
    .filter((u) => isListed(org, u))
    .map((u) => toDirectoryUser(userJson(org, u, expand)));
  const groups: DirectoryGroup[] = org.groups.map((g) => ({
    id: g.id,
    name: g.name,
    syncedFromIdp: g.syncedFromIdp,
    grants: g.roleGrants.map(({ resourceId, roleId }) => ({ resourceId, roleId })),
  }));
  const products: ProductInfo[] = org.products.map((p) => ({
    key: p.key,
    name: p.name,
    resourceId: p.resourceId,
  }));
  const rules = savedBenchRules(org, groups, products, ruleCount, Math.round(userCount * 0.05));
  return { org, users, rules, ctx: contextOf(groups, products, now) };
}

function savedBenchRules(
  org: OrgModel,
  groups: DirectoryGroup[],
  products: ProductInfo[],
  count: number,
  capPerRun: number,
): Rule[] {
  const validation = ruleValidationContextOf({ groups, products });
  return benchRules({ ctx: { org } }, count, capPerRun).map((input, i) => {
    const validated = validateRuleInput(input, validation);
    if (!validated.ok) throw new Error(`bench rule ${i} refused: ${JSON.stringify(validated.errors)}`);
    return {
      ...validated.rule,
      id: `rule-${i}`,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
  });
}

if (require.main === module) {
  const userCount = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(userCount) || userCount < 10)
    throw new Error('users must be a whole number of at least 10');
  const { users, rules, ctx } = generatedInput(userCount, 20, new Date('2026-11-22T09:00:00Z'));
  console.log(JSON.stringify(measureJudging(users, rules, ctx)));
}
