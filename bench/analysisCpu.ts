/**
 * CPU time of analysis's in-memory pass over a generated org, with and without what issue 15 added to it: seats by
 * path (every user), seat targets (two of the rules carry one: every in-scope verdict is offered, the chosen are
 * sorted once at the end) and the seats another path keeps (every selected user). No sandbox and no storage: the
 * users as the Organizations API lists them, mapped as the scan maps them, the bench's 20 rules as saving validates
 * them, and the load average of the machine while it measured.
 *
 * `npx tsx bench/analysisCpu.ts [users]` (default 100000) writes bench/results/analysis-cpu-<users>.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { billableSeats, type SeatPathContext } from '../src/domain/billablePaths';
import type { DirectoryUser } from '../src/domain/directory';
import { ruleJudges, type EvaluationContext } from '../src/domain/evaluation';
import { previewTally } from '../src/domain/preview';
import type { Rule } from '../src/domain/rule';
import { KeptSeatsTally, mayKeepSeats, plannedSeats } from '../src/domain/seatPlan';
import { SeatsByPathTally } from '../src/domain/seatsByPath';
import { SeatTargetHold, SeatTargetSelection } from '../src/domain/seatTarget';
import { cpuMs, generatedInput } from './evaluationCpu';

const RULES = 20;
/** Rules given a seat target: "Jira idle 30 days, revoke Jira" and "Service desk agents idle 45 days". */
const TARGETED: ReadonlyArray<readonly [index: number, product: string]> = [
  [3, 'jira-software'],
  [5, 'jira-servicedesk'],
];
/** Seats below today's count each target aims at. */
const SEATS_BELOW = 100;

export interface AnalysisCpuFigures {
  users: number;
  rules: number;
  rulesWithSeatTarget: number;
  /** Judging only: each user against every rule in turn (issue 11's figure). */
  judgingCpuMs: number;
  /** Judging and each rule's preview tally, as analysis did before issue 15. */
  analysisBeforeSeatsCpuMs: number;
  /** The same with seats by path, seat targets and the seats another path keeps. */
  analysisWithSeatsCpuMs: number;
  /** Of which: seats by path alone, every user once. */
  seatsByPathCpuMs: number;
  targetCpuMs: number;
  /** 1, 5 and 15-minute load averages before and after measuring, on a machine of `cores` cores. */
  loadAverage: { before: number[]; after: number[]; cores: number };
  measuredAt: string;
}

export function measureAnalysis(
  users: readonly DirectoryUser[],
  rules: readonly Rule[],
  ctx: EvaluationContext,
  seats: SeatPathContext,
): Omit<AnalysisCpuFigures, 'loadAverage' | 'measuredAt' | 'targetCpuMs'> {
  // Untimed: the first pass pays for compiling the judging code, which every pass after it shares.
  const warmUp = ruleJudges(rules, ctx);
  for (const user of users) for (const judge of warmUp) judge.inScope(user);
  const judgingCpuMs = bestOf(() => {
    const judges = ruleJudges(rules, ctx);
    for (const user of users) for (const judge of judges) judge.inScope(user);
  });
  const analysisBeforeSeatsCpuMs = bestOf(() => {
    const judges = ruleJudges(rules, ctx);
    const tallies = rules.map((rule) => previewTally(rule.id, ctx));
    for (const user of users) {
      judges.forEach((judge, i) => tallies[i]!.add(judge.inScope(user), user));
    }
    for (const tally of tallies) tally.summary();
  });
  const liveSeats = liveSeatsOf(users, seats);
  const analysisWithSeatsCpuMs = bestOf(() => {
    const judges = ruleJudges(rules, ctx);
    const byPath = new SeatsByPathTally(seats);
    const passes = rules.map((rule) => ({
      rule,
      tally: previewTally(rule.id, ctx),
      kept: new KeptSeatsTally(),
      hold: rule.seatTarget && 'seats' in rule.seatTarget ? holdFor(rule, liveSeats, seats) : null,
    }));
    const keep = (
      pass: (typeof passes)[number],
      verdict: ReturnType<(typeof judges)[number]['inScope']>,
      user: DirectoryUser,
    ) => {
      pass.tally.add(verdict, user);
      if (verdict?.outcome === 'selected' && mayKeepSeats(verdict.plannedActions))
        pass.kept.add(plannedSeats(user, verdict.plannedActions, seats));
    };
    for (const user of users) {
      byPath.add(user);
      passes.forEach((pass, i) => {
        const verdict = judges[i]!.inScope(user);
        if (!pass.hold?.take(verdict, user)) keep(pass, verdict, user);
      });
    }
    for (const pass of passes) {
      for (const { verdict, user } of pass.hold?.release(pass.rule.limits).verdicts ?? [])
        keep(pass, verdict, user);
      pass.tally.summary();
      pass.kept.result();
    }
    byPath.result();
  });
  const seatsByPathCpuMs = bestOf(() => {
    const byPath = new SeatsByPathTally(seats);
    for (const user of users) byPath.add(user);
    byPath.result();
  });
  return {
    users: users.length,
    rules: rules.length,
    rulesWithSeatTarget: rules.filter((rule) => rule.seatTarget !== null).length,
    judgingCpuMs,
    analysisBeforeSeatsCpuMs,
    analysisWithSeatsCpuMs,
    seatsByPathCpuMs,
  };
}

function liveSeatsOf(users: readonly DirectoryUser[], seats: SeatPathContext): Map<string, number> {
  const live = new Map<string, number>();
  for (const user of users)
    for (const seat of billableSeats(user, seats))
      live.set(seat.productKey, (live.get(seat.productKey) ?? 0) + 1);
  return live;
}

function holdFor(rule: Rule, liveSeats: Map<string, number>, seats: SeatPathContext): SeatTargetHold {
  const target = rule.seatTarget!;
  const live = liveSeats.get(target.product) ?? 0;
  const goal = {
    productKey: target.product,
    productName: target.product,
    liveSeats: live,
    target: 'seats' in target ? target.seats : live,
  };
  return new SeatTargetHold(new SeatTargetSelection(goal, seats));
}

if (require.main === module) {
  const userCount = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(userCount) || userCount < 10)
    throw new Error('users must be a whole number of at least 10');
  const { org, users, rules, ctx } = generatedInput(userCount, RULES, new Date('2026-11-22T09:00:00Z'));
  const defaultGroupIds = new Map(
    org.products.map((p) => [
      p.resourceId,
      new Set(org.groups.filter((g) => g.isDefaultFor.includes(p.key)).map((g) => g.id)),
    ]),
  );
  const seats: SeatPathContext = { groupsById: ctx.groupsById, products: ctx.products, defaultGroupIds };
  const live = liveSeatsOf(users, seats);
  const targeted = rules.map((rule, i): Rule => {
    const product = TARGETED.find(([index]) => index === i)?.[1];
    if (product === undefined) return rule;
    return { ...rule, seatTarget: { product, seats: Math.max(0, (live.get(product) ?? 0) - SEATS_BELOW) } };
  });
  const before = loadavg();
  const figures = measureAnalysis(users, targeted, ctx, seats);
  const result: AnalysisCpuFigures = {
    ...figures,
    targetCpuMs: 300,
    loadAverage: {
      before: before.map(round),
      after: loadavg().map(round),
      cores: cpus().length,
    },
    measuredAt: new Date().toISOString(),
  };
  const file = join(__dirname, 'results', `analysis-cpu-${userCount}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
  console.log(`written to ${file}`);
}

/** The least CPU of three runs: the run the loaded machine disturbed least. */
function bestOf(work: () => void): number {
  return Math.min(cpuMs(work), cpuMs(work), cpuMs(work));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
