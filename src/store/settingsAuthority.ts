import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ProtectedSetting, ScopeSetting, SettingChange } from '../contract/answers';
import type { KeyValueStore } from '../platform/ports';
import { padded } from './keys';
import { checkRecord, readRecord } from './stored';

/*
 * Key layout:
 *   settings:scope                                   ScopeSetting: the scope the app works in and who set it
 *   settings:change:{13-digit epoch ms}:{uuid}       SettingChange, one per change of a setting that protects people
 */
const SCOPE_KEY = 'settings:scope';
const CHANGE_PREFIX = 'settings:change:';

export type { ProtectedSetting, ScopeSetting, SettingChange };

const scopeSchema = z.object({
  scope: z.enum(['site', 'org']),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
const changeSchema = z.object({
  at: z.string(),
  actor: z.string(),
  setting: z.enum(['connection', 'protections', 'scope', 'audit-retention']),
  before: z.unknown(),
  after: z.unknown(),
}) as z.ZodType<SettingChange>;

const SITE_SCOPE: ScopeSetting = { scope: 'site', setBy: null, setAt: null };

/** The scope setting and the trail of changes to the settings that protect people. */
export class SettingsAuthorityStore {
  constructor(private readonly kv: KeyValueStore) {}

  async getScope(): Promise<ScopeSetting> {
    return (await readRecord(this.kv, SCOPE_KEY, scopeSchema, 'the scope setting')) ?? SITE_SCOPE;
  }

  async setScope(setting: ScopeSetting): Promise<void> {
    await this.kv.set(SCOPE_KEY, setting);
  }

  async recordChange(change: SettingChange): Promise<void> {
    const at = Date.parse(change.at);
    await this.kv.set(`${CHANGE_PREFIX}${padded(at, 13)}:${randomUUID()}`, change);
  }

  /** The newest changes first, at most `limit` (the store lists keys oldest first, so the trail is read whole). */
  async recentChanges(limit: number): Promise<SettingChange[]> {
    const changes: SettingChange[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.kv.query<unknown>(CHANGE_PREFIX, { limit: 100, ...(cursor ? { cursor } : {}) });
      for (const { key, value } of page.results)
        changes.push(checkRecord(value, key, changeSchema, 'a setting change'));
      cursor = page.nextCursor;
    } while (cursor);
    return changes.reverse().slice(0, limit);
  }
}
