import type { SeatCount } from '../domain/directory';
import type { Transport } from '../platform/ports';
import { apiErrorFrom } from './errors';

export interface ApplicationRole {
  key: string;
  name: string;
  userCount: number;
  numberOfSeats: number;
  remainingSeats: number;
  hasUnlimitedSeats: boolean;
}

/** The Jira REST v3 calls this app makes, and nothing else; give it a `withRetries` transport to ride out 429s. */
export class JiraClient {
  constructor(private readonly transport: Transport) {}

  /** Whether the caller holds Jira's ADMINISTER global permission. */
  async hasAdministerPermission(): Promise<boolean> {
    const body = await this.getJson<{ permissions?: { ADMINISTER?: { havePermission?: boolean } } }>(
      '/rest/api/3/mypermissions?permissions=ADMINISTER',
    );
    return body.permissions?.ADMINISTER?.havePermission === true;
  }

  /** Seat usage per Jira product, in the app's terms. */
  async seatCounts(): Promise<SeatCount[]> {
    return (await this.applicationRoles()).map((r) => ({
      productKey: r.key,
      productName: r.name,
      userCount: r.userCount,
      numberOfSeats: r.numberOfSeats,
      remainingSeats: r.remainingSeats,
      hasUnlimitedSeats: r.hasUnlimitedSeats,
    }));
  }

  /** Jira's application roles as it answers them. */
  async applicationRoles(): Promise<ApplicationRole[]> {
    return this.getJson<ApplicationRole[]>('/rest/api/3/applicationrole');
  }

  private async getJson<T>(path: string): Promise<T> {
    const response = await this.transport(path, { headers: { Accept: 'application/json' } });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      throw apiErrorFrom('jira', response.status, path, text);
    }
    return JSON.parse(text) as T;
  }
}
