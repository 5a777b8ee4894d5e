/** The stored organization connection, never the key itself. Types only, so the page type-checks without Node. */
export interface OrgConnection {
  orgId: string;
  directoryId: string | null;
  keySet: boolean;
  keySetAt: string | null;
  verifiedAt: string | null;
  updatedBy: string;
  updatedAt: string;
}
