import type { SettingChange } from '../../../../../src/contract';
import { formatCount, formatDateTime } from '../../format';

/**
 * A protected setting's value before or after a change, as an admin reads it. The trail stores each value as the
 * backend kept it (an object of ids and instants); the table shows what it means instead of its JSON.
 */
export function settingInWords(setting: SettingChange['setting'], value: unknown): string {
  if (value === null || value === undefined) return 'Not set';
  switch (setting) {
    case 'connection': {
      const keySetAt = text(value, 'keySetAt');
      return `Organization ${text(value, 'orgId') ?? '—'}${keySetAt ? `, API key set ${formatDateTime(keySetAt)}` : ', no API key'}`;
    }
    case 'scope':
      return text(value, 'scope') === 'org' ? 'Organization' : 'Site only';
    case 'protections':
      return `${plural(list(value, 'protectedAccountIds'), 'user')}, ${plural(list(value, 'protectedGroupIds'), 'group')} protected`;
    case 'audit-retention': {
      const days = field(value, 'days');
      return typeof days === 'number' ? `Kept ${plural(days, 'day')}` : 'Not set';
    }
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown, key: string): string | null {
  const found = field(value, key);
  return typeof found === 'string' ? found : null;
}

function list(value: unknown, key: string): number {
  const found = field(value, key);
  return Array.isArray(found) ? found.length : 0;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
