import { z } from 'zod';
import {
  DEFAULT_OVERVIEW_SETTINGS,
  trendPointOf,
  type Dashboard,
  type OverviewSettings,
  type TrendPoint,
} from '../domain/dashboard';
import type { KeyValueStore } from '../platform/ports';
import { assertFits } from './chunks';
import { keyPart, newestFirstMs } from './keys';
import { scanPrefix, transactInBatches } from './kvOps';
import { checkRecord, objectOf, readRecord } from './stored';

/*
 * Key layout:
 *   dash:latest                                         Dashboard of the newest completed snapshot (one value)
 *   dash:trend:{newest-first ms of completedAt}:{snap}  TrendPoint, one small value per completed scan
 *   dash:settings                                       OverviewSettings
 * The aggregate is bounded by construction (top groups, top domains, a few products), so it fits one value; the
 * trend keeps the newest TREND_KEPT scans.
 */
const LATEST_KEY = 'dash:latest';
const TREND_PREFIX = 'dash:trend:';
const trendKey = (point: TrendPoint) =>
  `${TREND_PREFIX}${newestFirstMs(point.completedAt, 'completedAt')}:${keyPart(point.snapshotId)}`;
const SETTINGS_KEY = 'dash:settings';

export const TREND_KEPT = 400;

const dashboardSchema = z.looseObject({
  snapshotId: z.string(),
  completedAt: z.string(),
  inactiveDays: z.number(),
}) as unknown as z.ZodType<Dashboard>;
const trendPointSchema = objectOf<TrendPoint>();
const settingsSchema = z.object({
  inactiveDays: z.number().int().positive(),
  pricePerSeatMonthly: z.number().nonnegative(),
  currency: z.string(),
  tierBoundaries: z.array(z.number().int().positive()),
});

/** The Overview's stored aggregate, the history of scans behind its trend, and its settings. */
export class DashboardStore {
  constructor(private readonly kv: KeyValueStore) {}

  /**
   * Records a snapshot's aggregate: as the latest unless a newer snapshot's is already stored, and as a trend point
   * (idempotent: the same snapshot writes the same key). Then drops trend points past the newest TREND_KEPT.
   */
  async record(dashboard: Dashboard): Promise<void> {
    assertFits(dashboard, `The overview of snapshot ${dashboard.snapshotId}`);
    const latest = await this.latest();
    if (!latest || latest.completedAt <= dashboard.completedAt) await this.kv.set(LATEST_KEY, dashboard);
    const point = trendPointOf(dashboard);
    await this.kv.set(trendKey(point), point);
    await this.pruneTrend();
  }

  latest(): Promise<Dashboard | null> {
    return readRecord(this.kv, LATEST_KEY, dashboardSchema, 'the overview');
  }

  /** The newest `limit` scans, oldest first. */
  async trend(limit = TREND_KEPT): Promise<TrendPoint[]> {
    const points: TrendPoint[] = [];
    for await (const page of scanPrefix<unknown>(this.kv, TREND_PREFIX)) {
      for (const { key, value } of page) {
        if (points.length === limit) return points.reverse();
        points.push(checkRecord(value, key, trendPointSchema, 'a trend point'));
      }
    }
    return points.reverse();
  }

  async getSettings(): Promise<OverviewSettings> {
    const stored = await readRecord(this.kv, SETTINGS_KEY, settingsSchema, 'the overview settings');
    return (
      stored ?? {
        ...DEFAULT_OVERVIEW_SETTINGS,
        tierBoundaries: [...DEFAULT_OVERVIEW_SETTINGS.tierBoundaries],
      }
    );
  }

  async saveSettings(settings: OverviewSettings): Promise<OverviewSettings> {
    await this.kv.set(SETTINGS_KEY, settings);
    return settings;
  }

  private async pruneTrend(): Promise<void> {
    const doomed: string[] = [];
    let seen = 0;
    for await (const page of scanPrefix<unknown>(this.kv, TREND_PREFIX)) {
      for (const { key } of page) if (++seen > TREND_KEPT) doomed.push(key);
    }
    await transactInBatches(
      this.kv,
      doomed.map((key) => ({ op: 'delete', key })),
    );
  }
}
