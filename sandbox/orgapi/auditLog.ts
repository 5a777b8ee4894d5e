import { randomUUID } from 'node:crypto';
import type { OrgApiKey } from './keys';

export type AuditAction =
  | 'user_access_suspended'
  | 'user_access_restored'
  | 'user_removed_from_directory'
  | 'group_member_added'
  | 'group_member_removed'
  | 'group_role_revoked'
  | 'account_deactivated'
  | 'account_reactivated';

export interface AuditObject {
  id: string;
  type: 'user' | 'group' | 'role' | 'resource';
  attributes: Record<string, string>;
}

export interface AuditEvent {
  id: string;
  /** Epoch milliseconds (sandbox clock). */
  time: number;
  action: AuditAction;
  key: OrgApiKey;
  context: AuditObject[];
}

/** Every change the Organizations API surface makes, in the order it made them. */
export class AuditLog {
  private readonly recorded: AuditEvent[] = [];

  record(action: AuditAction, key: OrgApiKey, time: number, context: AuditObject[]): AuditEvent {
    const event: AuditEvent = { id: randomUUID(), time, action, key, context };
    this.recorded.push(event);
    return event;
  }

  get events(): readonly AuditEvent[] {
    return this.recorded;
  }
}
