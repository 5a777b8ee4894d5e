import { z } from 'zod';
import type { Rule, ProtectionSettings } from '../domain/rule';
import type { Clock, KeyValueStore, SecretStore } from '../platform/ports';
import { readBlob, writeBlob } from './blob';
import { assertFits } from './chunks';
import { keyPart } from './keys';
import type { OrgConnection } from './orgConnection';
import { deleteUnder, scanPrefix, transactInBatches } from './kvOps';
import { checkRecord, readRecord } from './stored';

export type { OrgConnection };

export interface RuleState {
  lastRunAt: string | null;
  lastRunId: string | null;
}

/*
 * Key layout (all plain keys under `settings:`):
 *   settings:connection                     OrgConnection (never the key)
 *   settings:protections                    { version, pieces } head of the protections blob
 *   settings:protections:v{version}:{piece} protections blob pieces, replaced version by version
 *   settings:admin:{accountId}              { accountId } — one key each, so two admins saving at once both stay
 *   settings:rule:{ruleId}                  Rule
 *   settings:rulestate:{ruleId}             RuleState
 * Secret: settings:org-api-key.
 */
const CONNECTION_KEY = 'settings:connection';
const API_KEY_SECRET = 'settings:org-api-key';
const PROTECTIONS_HEAD_KEY = 'settings:protections';
const protectionsPrefix = (version: number) => `settings:protections:v${version}:`;
const ADMIN_PREFIX = 'settings:admin:';
const RULE_PREFIX = 'settings:rule:';
const ruleKey = (id: string) => `${RULE_PREFIX}${keyPart(id)}`;
const ruleStateKey = (id: string) => `settings:rulestate:${keyPart(id)}`;

const connectionSchema = z.object({
  orgId: z.string(),
  directoryId: z.string().nullable(),
  keySet: z.boolean(),
  keySetAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
const protectionsHeadSchema = z.object({
  version: z.number().int().nonnegative(),
  pieces: z.number().int().positive(),
});
const protectionsSchema = z.object({
  protectedAccountIds: z.array(z.string()),
  protectedGroupIds: z.array(z.string()),
});
const adminSchema = z.object({ accountId: z.string() });
// Rules are validated in full before they are saved (domain/ruleValidation); reading back checks the frame.
const ruleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  // Rules saved before warnings existed have no field: they act without warning.
  warning: z.looseObject({ days: z.number() }).nullable().default(null),
  // Rules saved before seat targets existed have no field: no seat target.
  seatTarget: z.looseObject({ product: z.string() }).nullable().default(null),
}) as unknown as z.ZodType<Rule>;
const ruleStateSchema = z.object({ lastRunAt: z.string().nullable(), lastRunId: z.string().nullable() });

const NO_PROTECTIONS: ProtectionSettings = { protectedAccountIds: [], protectedGroupIds: [] };

/** The app's configuration: the org connection, protections, configuring admins and rules. */
export class SettingsStore {
  constructor(
    private readonly kv: KeyValueStore & SecretStore,
    private readonly clock: Clock,
  ) {}

  getConnection(): Promise<OrgConnection | null> {
    return readRecord(this.kv, CONNECTION_KEY, connectionSchema, 'the org connection');
  }

  /** Saves the org and directory; a non-null `apiKey` replaces the key. A changed key or org needs a new check. */
  async saveConnection(
    c: { orgId: string; directoryId: string | null },
    apiKey: string | null,
    by: string,
  ): Promise<OrgConnection> {
    const existing = await this.getConnection();
    const now = this.clock.now().toISOString();
    if (apiKey !== null) await this.kv.setSecret(API_KEY_SECRET, apiKey);
    const unchanged =
      apiKey === null && existing?.orgId === c.orgId && existing.directoryId === c.directoryId;
    const connection: OrgConnection = {
      orgId: c.orgId,
      directoryId: c.directoryId,
      keySet: apiKey !== null || (existing?.keySet ?? false),
      keySetAt: apiKey !== null ? now : (existing?.keySetAt ?? null),
      verifiedAt: unchanged ? existing.verifiedAt : null,
      updatedBy: by,
      updatedAt: now,
    };
    await this.kv.set(CONNECTION_KEY, connection);
    return connection;
  }

  /** The organization API key, read from secret storage only. */
  async getApiKey(): Promise<string | null> {
    return (await this.kv.getSecret(API_KEY_SECRET)) ?? null;
  }

  async deleteConnection(): Promise<void> {
    await this.kv.deleteSecret(API_KEY_SECRET);
    await this.kv.delete(CONNECTION_KEY);
  }

  async markVerified(at: string): Promise<void> {
    const connection = await this.getConnection();
    if (!connection) throw new Error('Cannot mark the connection verified: no org connection is saved');
    await this.kv.set(CONNECTION_KEY, { ...connection, verifiedAt: at });
  }

  async getProtections(): Promise<ProtectionSettings> {
    const head = await readRecord(
      this.kv,
      PROTECTIONS_HEAD_KEY,
      protectionsHeadSchema,
      'the protections head',
    );
    if (!head) return NO_PROTECTIONS;
    const value = await readBlob<unknown>(
      this.kv,
      protectionsPrefix(head.version),
      head.pieces,
      'the protections',
    );
    return checkRecord(value, protectionsPrefix(head.version), protectionsSchema, 'the protections');
  }

  /** Writes a new version of the lists, switches the head to it, then drops the old version. */
  async saveProtections(p: ProtectionSettings, by: string): Promise<void> {
    const head = await readRecord(
      this.kv,
      PROTECTIONS_HEAD_KEY,
      protectionsHeadSchema,
      'the protections head',
    );
    const version = (head?.version ?? 0) + 1;
    const value: ProtectionSettings = {
      protectedAccountIds: [...p.protectedAccountIds],
      protectedGroupIds: [...p.protectedGroupIds],
    };
    const pieces = await writeBlob(this.kv, protectionsPrefix(version), value);
    await this.kv.set(PROTECTIONS_HEAD_KEY, { version, pieces });
    if (head) await deleteUnder(this.kv, protectionsPrefix(head.version), 10);
    await this.addConfiguringAdmin(by);
  }

  async getConfiguringAdmins(): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of scanPrefix<unknown>(this.kv, ADMIN_PREFIX)) {
      for (const { key, value } of page)
        ids.push(checkRecord(value, key, adminSchema, 'a configuring admin').accountId);
    }
    return ids;
  }

  async addConfiguringAdmin(accountId: string): Promise<void> {
    await this.kv.set(`${ADMIN_PREFIX}${keyPart(accountId)}`, { accountId });
  }

  /** Every saved rule, in key (id) order. */
  async listRules(): Promise<Rule[]> {
    const rules: Rule[] = [];
    for await (const page of scanPrefix<unknown>(this.kv, RULE_PREFIX)) {
      for (const { key, value } of page) rules.push(checkRecord(value, key, ruleSchema, 'a rule'));
    }
    return rules;
  }

  getRule(id: string): Promise<Rule | null> {
    return readRecord(this.kv, ruleKey(id), ruleSchema, `rule ${id}`);
  }

  async saveRule(rule: Rule): Promise<void> {
    assertFits(rule, `Rule '${rule.name}'`);
    await this.kv.set(ruleKey(rule.id), rule);
  }

  /** Deletes the rule and its run bookkeeping together. */
  async deleteRule(id: string): Promise<void> {
    await transactInBatches(this.kv, [
      { op: 'delete', key: ruleKey(id) },
      { op: 'delete', key: ruleStateKey(id) },
    ]);
  }

  async getRuleState(id: string): Promise<RuleState> {
    return (
      (await readRecord(this.kv, ruleStateKey(id), ruleStateSchema, `the run state of rule ${id}`)) ?? {
        lastRunAt: null,
        lastRunId: null,
      }
    );
  }

  async setRuleState(id: string, state: RuleState): Promise<void> {
    await this.kv.set(ruleStateKey(id), { lastRunAt: state.lastRunAt, lastRunId: state.lastRunId });
  }
}
