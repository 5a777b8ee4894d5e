/**
 * `bench/results/summary.json`: the headline figures of every measured org size, in the one shape the issue and
 * the README table read. Measuring one size replaces that size's entry and keeps the others.
 */
import fs from 'node:fs';
import type { PhaseFigures } from './phaseMeter';
import { round, type ScaleResult } from './scale';

export const SUMMARY_PHASES = ['scan', 'analysis', 'countRule', 'liveRun', 'dailyCycle'] as const;
export type SummaryPhase = (typeof SUMMARY_PHASES)[number];

export interface PhaseSummary {
  orgApiCalls: number;
  orgApiReads: number;
  orgApiWrites: number;
  jiraPoints: number;
  platformSeconds: number;
  kvsReadUnits: number;
  kvsWriteUnits: number;
  peakKvsReadUnitsPerMinute: number;
  peakKvsWriteUnitsPerMinute: number;
  kvsThrottled: number;
  /** Of the invocation that came closest to its egress budget: its calls and its budget. */
  maxEgressPerInvocation: number;
  egressBudgetPerInvocation: number;
  longestInvocationPctOfLimit: number;
  peakHeapMbPerInvocation: number;
  /** Run phases only: users the run changed. */
  usersActed?: number;
}

export interface SizeSummary {
  latency: string;
  snapshotBytesPerUser: number;
  naive: { orgApiCalls: number; callsRatio: number };
  phases: Record<SummaryPhase, PhaseSummary>;
}

export interface BenchSummary {
  measuredAt: string;
  machine: Record<string, unknown>;
  orgApiLimits: { readsPerMinute: number; writesPerMinute: number };
  sizes: Record<string, SizeSummary>;
}

export function sizeSummary(result: ScaleResult): SizeSummary {
  const phase = (name: SummaryPhase): PhaseFigures => {
    const figures = result.phases[name];
    if (!figures) throw new Error(`the scale result of ${result.users} users has no '${name}' phase`);
    return figures;
  };
  return {
    latency: result.latency,
    snapshotBytesPerUser: result.snapshot.bytesPerUser,
    naive: {
      orgApiCalls: result.naive.calls,
      callsRatio: result.ratios.calls,
    },
    phases: {
      scan: phaseSummary(phase('scan')),
      analysis: phaseSummary(phase('analysis')),
      countRule: phaseSummary(phase('countRule')),
      liveRun: phaseSummary(phase('liveRun'), result.runs.live.counts.succeeded),
      dailyCycle: phaseSummary(phase('dailyCycle'), result.runs.daily.counts.succeeded),
    },
  };
}

export function phaseSummary(figures: PhaseFigures, usersActed?: number): PhaseSummary {
  const invocations = Object.values(figures.invocations);
  if (invocations.length === 0) throw new Error('a phase with no invocation has nothing to summarise');
  const closestToEgressBudget = invocations.reduce((worst, f) =>
    egressShare(f) > egressShare(worst) ||
    (egressShare(f) === egressShare(worst) && f.egressBudget < worst.egressBudget)
      ? f
      : worst,
  );
  return {
    orgApiCalls: figures.orgApiCalls,
    orgApiReads: figures.orgApiReads,
    orgApiWrites: figures.orgApiWrites,
    jiraPoints: figures.jiraPoints,
    platformSeconds: round(figures.platformTimeMs / 1000, 1),
    kvsReadUnits: figures.storage.readUnits,
    kvsWriteUnits: figures.storage.writeUnits,
    peakKvsReadUnitsPerMinute: figures.storage.peakReadUnitsPerMinute,
    peakKvsWriteUnitsPerMinute: figures.storage.peakWriteUnitsPerMinute,
    kvsThrottled: figures.storage.throttled,
    maxEgressPerInvocation: closestToEgressBudget.maxEgress,
    egressBudgetPerInvocation: closestToEgressBudget.egressBudget,
    longestInvocationPctOfLimit: Math.max(...invocations.map((f) => f.longestOfLimitPct)),
    peakHeapMbPerInvocation: Math.max(...invocations.map((f) => f.peakHeapMb)),
    ...(usersActed !== undefined ? { usersActed } : {}),
  };
}

function egressShare(f: { maxEgress: number; egressBudget: number }): number {
  return f.egressBudget > 0 ? f.maxEgress / f.egressBudget : 0;
}

/** The summary with this run's size entry added or replaced; every other size's entry is kept as it was. */
export function mergeSummary(
  previous: BenchSummary | null,
  result: ScaleResult,
  measured: { at: Date; machine: Record<string, unknown> },
): BenchSummary {
  return {
    measuredAt: measured.at.toISOString(),
    machine: measured.machine,
    orgApiLimits: result.orgApiLimits,
    sizes: sortedBySize({ ...previous?.sizes, [String(result.users)]: sizeSummary(result) }),
  };
}

function sortedBySize(sizes: Record<string, SizeSummary>): Record<string, SizeSummary> {
  return Object.fromEntries(Object.entries(sizes).sort(([a], [b]) => Number(a) - Number(b)));
}

export function readSummary(file: string): BenchSummary | null {
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchSummary>;
  if (typeof parsed.sizes !== 'object' || parsed.sizes === null)
    throw new Error(`${file} is not a bench summary: it has no "sizes" object`);
  return parsed as BenchSummary;
}
