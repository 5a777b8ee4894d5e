import type { AuditEvent } from './auditLog';
import { cursorPage } from './cursorPage';
import { fingerprintOf } from './cursor';
import { OrgApiError } from './errors';
import { optionalEnum, optionalString, pageLimit, queryFields, type Fields } from './fields';
import { everyPosition, type PositionSource } from './paging';
import { API_ORIGIN, type OrgApiState, type OrgRoute } from './state';

const EVENTS_STREAM = '/admin/v1/orgs/:orgId/events-stream';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
/** Newest-first positions count down from here, so they stay put while new events arrive. */
const DESCENDING_ORIGIN = 2 ** 31;

export function eventRoutes(): OrgRoute[] {
  return [
    { method: 'GET', path: EVENTS_STREAM, kind: 'read', scope: 'read:events:admin', handle: eventsStream },
  ];
}

/**
 * Audit events (PollingEventPage): `meta.next` holds the cursor and `links` hold URLs, as in the v1 events
 * APIs. `from`/`to` are epoch milliseconds or ISO 8601.
 */
const eventsStream: OrgRoute['handle'] = (req, { state }) => {
  const fields = queryFields(req.query, {
    arrays: [],
    integers: ['limit'],
    strings: ['cursor', 'from', 'to', 'sortOrder'],
  });
  const from = timeParam(fields, 'from');
  const to = timeParam(fields, 'to');
  const sortOrder = optionalEnum(fields, 'sortOrder', ['asc', 'desc'] as const) ?? 'asc';
  const limit = pageLimit(fields, DEFAULT_LIMIT, MAX_LIMIT);
  const events = state.audit.events;
  const indexOf = sortOrder === 'asc' ? (p: number) => p : (p: number) => DESCENDING_ORIGIN - 1 - p;
  const page = cursorPage({
    codec: state.cursors,
    listing: 'events-stream',
    fingerprint: fingerprintOf({ from, to, sortOrder }),
    cursor: optionalString(fields, 'cursor'),
    limit,
    source: sortOrder === 'asc' ? everyPosition(events.length) : newestFirst(events.length),
    matches: (p) => {
      const time = events[indexOf(p)]!.time;
      return (from === undefined || time >= from) && (to === undefined || time <= to);
    },
    render: (p) => eventJson(state, events[indexOf(p)]!),
  });
  const url = (cursor: string) => {
    const query = new URLSearchParams(req.query);
    query.set('cursor', cursor);
    return `${API_ORIGIN}${req.path}?${query.toString()}`;
  };
  return {
    status: 200,
    body: {
      data: page.data,
      meta: { ...(page.links.next ? { next: page.links.next } : {}), page_size: page.data.length },
      links: {
        self: url(page.links.self),
        ...(page.links.prev ? { prev: url(page.links.prev) } : {}),
        ...(page.links.next ? { next: url(page.links.next) } : {}),
      },
    },
  };
};

/** Positions over events newest first: position p is event index DESCENDING_ORIGIN - 1 - p. */
function newestFirst(length: number): PositionSource {
  const firstValid = DESCENDING_ORIGIN - length;
  return {
    firstAtOrAfter: (p) => (length > 0 && p < DESCENDING_ORIGIN ? Math.max(p, firstValid) : undefined),
    lastBefore: (p) => (p - 1 >= firstValid && p - 1 < DESCENDING_ORIGIN ? p - 1 : undefined),
  };
}

function eventJson(state: OrgApiState, event: AuditEvent): Record<string, unknown> {
  const { org } = state.ctx;
  const admin = org.user(state.ctx.adminAccountId);
  const time = new Date(event.time).toISOString();
  return {
    id: event.id,
    type: 'events',
    attributes: {
      time,
      processedAt: time,
      action: event.action,
      actor: {
        id: state.ctx.adminAccountId,
        ...(admin ? { name: admin.name, email: admin.email } : {}),
        auth: { authType: 'api-token', tokenId: event.key.tokenId, tokenLabel: event.key.label },
      },
      context: event.context,
      container: [
        { id: org.identity.orgId, type: 'organization', attributes: { name: org.identity.orgName } },
      ],
    },
    links: { self: `${API_ORIGIN}/admin/v1/orgs/${org.identity.orgId}/events/${event.id}` },
  };
}

function timeParam(fields: Fields, name: string): number | undefined {
  const value = optionalString(fields, name);
  if (value === undefined) return undefined;
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(at)) {
    throw new OrgApiError(
      'badRequest',
      `Query parameter '${name}' must be epoch milliseconds or an ISO 8601 date-time.`,
    );
  }
  return at;
}
