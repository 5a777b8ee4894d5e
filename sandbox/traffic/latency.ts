import type { ApiName } from '../http/types';

export type LatencyDistribution =
  | { kind: 'none' }
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** Heavy-tailed, like real API latency: most calls near the median, some much slower. */
  | { kind: 'lognormal'; medianMs: number; p95Ms: number };

export type LatencyProfile = Partial<Record<ApiName, LatencyDistribution>>;

/** Figures in the range Atlassian's cloud APIs answer from outside Atlassian's network. */
export const LATENCY_PRESETS: Record<string, LatencyProfile> = {
  none: {},
  realistic: {
    org: { kind: 'lognormal', medianMs: 220, p95Ms: 800 },
    jira: { kind: 'lognormal', medianMs: 120, p95Ms: 450 },
  },
  slow: {
    org: { kind: 'lognormal', medianMs: 600, p95Ms: 2500 },
    jira: { kind: 'lognormal', medianMs: 400, p95Ms: 1500 },
  },
};

const Z95 = 1.6448536269514722;

export function sampleLatencyMs(
  d: LatencyDistribution | undefined,
  random: () => number = Math.random,
): number {
  if (!d) return 0;
  switch (d.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return d.ms;
    case 'uniform':
      return d.minMs + random() * (d.maxMs - d.minMs);
    case 'lognormal': {
      const mu = Math.log(d.medianMs);
      const sigma = Math.max(0, (Math.log(d.p95Ms) - mu) / Z95);
      const u1 = Math.max(random(), Number.EPSILON);
      const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
      return Math.exp(mu + sigma * normal);
    }
  }
}

export function validateLatencyProfile(input: unknown): LatencyProfile {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('latency must be an object keyed by API name (org, jira)');
  }
  const out: LatencyProfile = {};
  for (const [api, d] of Object.entries(input as Record<string, unknown>)) {
    if (api !== 'org' && api !== 'jira')
      throw new Error(`latency: unknown API '${api}' (expected org or jira)`);
    out[api] = validateDistribution(api, d);
  }
  return out;
}

function validateDistribution(api: string, d: unknown): LatencyDistribution {
  const v = d as Record<string, unknown>;
  const num = (field: string): number => {
    const x = v[field];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 120_000) {
      throw new Error(`latency.${api}.${field} must be a number of milliseconds between 0 and 120000`);
    }
    return x;
  };
  switch (v?.kind) {
    case 'none':
      return { kind: 'none' };
    case 'fixed':
      return { kind: 'fixed', ms: num('ms') };
    case 'uniform': {
      const minMs = num('minMs');
      const maxMs = num('maxMs');
      if (maxMs < minMs) throw new Error(`latency.${api}.maxMs must not be below minMs`);
      return { kind: 'uniform', minMs, maxMs };
    }
    case 'lognormal': {
      const medianMs = num('medianMs');
      const p95Ms = num('p95Ms');
      if (medianMs <= 0 || p95Ms < medianMs) throw new Error(`latency.${api}: need 0 < medianMs <= p95Ms`);
      return { kind: 'lognormal', medianMs, p95Ms };
    }
    default:
      throw new Error(`latency.${api}.kind must be one of none, fixed, uniform, lognormal`);
  }
}
