import type { DirectoryUser } from '../domain/directory';
import { ByteReader, ByteWriter, Dictionary, readTimestamp, writeTimestamp } from './packed';

/**
 * A chunk of snapshot users as packed columns (ADR 0017): account ids and names as text; the e-mail's domain
 * dictionary-coded and its local part left out when it is the name written `first.last`; the seven statuses as one
 * code, roles, groups and product sets dictionary-coded; timestamps as epoch ms. Lossless: `decodeUsers` returns
 * exactly the users given, in order.
 */

/** The seven fields stored together as one code: a JSON array of their values, in this order. */
const FLAG_FIELDS = [
  'accountType',
  'status',
  'accountStatus',
  'membershipStatus',
  'claimStatus',
  'managementSource',
  'emailVerified',
] as const;
type Flags = Pick<DirectoryUser, (typeof FLAG_FIELDS)[number]>;

function flagsOf(values: unknown[]): Flags {
  return Object.fromEntries(FLAG_FIELDS.map((field, i) => [field, values[i]])) as Flags;
}

const EMAIL_NONE = 0;
const EMAIL_FROM_NAME = 1;
const EMAIL_LITERAL = 2;

/** The local part most directories give a person: their name in lower case with dots for spaces. */
function localPartFromName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '.');
}

/** The columns, in the order they are stored: like values side by side deflate best. */
const COLUMNS = [
  'ids',
  'names',
  'emails',
  'flags',
  'roles',
  'added',
  'groups',
  'products',
  'activity',
] as const;
type Column = (typeof COLUMNS)[number];
const ID_COLUMNS: readonly Column[] = ['ids'];
const LABEL_COLUMNS: readonly Column[] = ['names', 'emails'];
const FACT_COLUMNS: readonly Column[] = ['flags', 'roles', 'added', 'groups', 'products', 'activity'];

/**
 * A chunk packed as three values, so the pickers read names and e-mails (`labels`) without the rest, and account ids
 * (`ids`) only for the chunks where something matched.
 */
export interface PackedUsers {
  ids: string;
  labels: string;
  facts: string;
}

export function encodeUsers(users: readonly DirectoryUser[]): PackedUsers {
  const flags = new Dictionary();
  const roles = new Dictionary();
  const groups = new Dictionary();
  const productSets = new Dictionary();
  const domains = new Dictionary();
  const col = Object.fromEntries(COLUMNS.map((c) => [c, new ByteWriter()])) as Record<Column, ByteWriter>;
  for (const user of users) {
    col.ids.string(user.accountId);
    col.names.string(user.name);
    writeEmail(col.emails, domains, user);
    col.flags.uint(flags.code(JSON.stringify(FLAG_FIELDS.map((field) => user[field]))));
    col.roles.uint(roles.code(JSON.stringify(user.platformRoles)));
    writeTimestamp(col.added, user.addedToOrg);
    col.groups.uint(user.groupIds.length);
    for (const groupId of user.groupIds) col.groups.uint(groups.code(groupId));
    col.products.uint(productSets.code(JSON.stringify(user.products.map((p) => [p.key, p.resourceId]))));
    for (const product of user.products) writeTimestamp(col.activity, product.lastActiveAt);
  }
  const part = (columns: readonly Column[], dictionaries: Dictionary[]): string => {
    const out = new ByteWriter();
    out.uint(users.length);
    for (const dictionary of dictionaries) dictionary.write(out);
    for (const column of columns) {
      out.uint(col[column].size);
      out.append(col[column]);
    }
    return out.pack();
  };
  return {
    ids: part(ID_COLUMNS, []),
    labels: part(LABEL_COLUMNS, [domains]),
    facts: part(FACT_COLUMNS, [flags, roles, groups, productSets]),
  };
}

function writeEmail(out: ByteWriter, domains: Dictionary, user: DirectoryUser): void {
  if (user.email === null) return out.uint(EMAIL_NONE);
  const at = user.email.lastIndexOf('@');
  const local = at < 0 ? user.email : user.email.slice(0, at);
  const domain = at < 0 ? null : user.email.slice(at + 1);
  const fromName = local === localPartFromName(user.name);
  out.uint(
    (fromName ? EMAIL_FROM_NAME : EMAIL_LITERAL) + (domain === null ? 0 : 3 * (domains.code(domain) + 1)),
  );
  if (!fromName) out.string(local);
}

interface Part {
  count: number;
  dictionaries: string[][];
  columns: Partial<Record<Column, ByteReader>>;
  done: () => boolean;
}

function readPart(packed: string, columns: readonly Column[], dictionaries: number, what: string): Part {
  const input = ByteReader.unpack(packed);
  const count = input.uint();
  const read = Array.from({ length: dictionaries }, () => Dictionary.read(input));
  const readers = Object.fromEntries(columns.map((c) => [c, input.slice(input.uint())]));
  if (!input.done) throw new Error(`the packed ${what} have bytes left over`);
  return {
    count,
    dictionaries: read,
    columns: readers,
    done: () => columns.every((c) => readers[c]!.done),
  };
}

/** A chunk's account ids. */
export function decodeIds(packed: string): string[] {
  const part = readPart(packed, ID_COLUMNS, 0, 'account ids');
  const ids = Array.from({ length: part.count }, () => part.columns.ids!.string());
  if (!part.done()) throw new Error('the packed account ids have bytes left over');
  return ids;
}

/** A chunk's names and e-mails, in the order of its users. */
export function decodeLabels(packed: string): Array<{ name: string; email: string | null }> {
  const part = readPart(packed, LABEL_COLUMNS, 1, 'names');
  const [domains] = part.dictionaries;
  const labels = Array.from({ length: part.count }, () => {
    const name = part.columns.names!.string();
    return { name, email: readEmail(part.columns.emails!, domains!, name) };
  });
  if (!part.done()) throw new Error('the packed names have bytes left over');
  return labels;
}

export function decodeUsers(packed: PackedUsers): DirectoryUser[] {
  const ids = decodeIds(packed.ids);
  const labels = decodeLabels(packed.labels);
  const part = readPart(packed.facts, FACT_COLUMNS, 4, 'users');
  if (ids.length !== part.count || labels.length !== part.count) {
    throw new Error(
      `the packed chunk holds ${ids.length} ids, ${labels.length} names and ${part.count} users`,
    );
  }
  const [flags, roles, groups, productSets] = part.dictionaries;
  const parsedFlags = flags!.map((f) => flagsOf(JSON.parse(f) as unknown[]));
  const parsedRoles = roles!.map((r) => JSON.parse(r) as string[]);
  const parsedProducts = productSets!.map((p) => JSON.parse(p) as Array<[string, string]>);
  const col = part.columns as Record<Column, ByteReader>;
  const users: DirectoryUser[] = [];
  for (let i = 0; i < part.count; i++) {
    const userFlags = pick(parsedFlags, col.flags.uint(), 'status code');
    const platformRoles = [...pick(parsedRoles, col.roles.uint(), 'role code')];
    const addedToOrg = readTimestamp(col.added);
    const groupIds = Array.from({ length: col.groups.uint() }, () =>
      pick(groups!, col.groups.uint(), 'group code'),
    );
    const products = pick(parsedProducts, col.products.uint(), 'product code').map(([key, resourceId]) => ({
      key,
      resourceId,
      lastActiveAt: readTimestamp(col.activity),
    }));
    users.push({
      accountId: ids[i]!,
      name: labels[i]!.name,
      email: labels[i]!.email,
      ...userFlags,
      addedToOrg,
      platformRoles,
      groupIds,
      products,
    });
  }
  if (!part.done()) throw new Error('the packed users have bytes left over');
  return users;
}

function readEmail(input: ByteReader, domains: string[], name: string): string | null {
  const code = input.uint();
  if (code === EMAIL_NONE) return null;
  const kind = code % 3;
  const local = kind === EMAIL_FROM_NAME ? localPartFromName(name) : input.string();
  const domainCode = Math.floor(code / 3);
  return domainCode === 0 ? local : `${local}@${pick(domains, domainCode - 1, 'domain code')}`;
}

function pick<T>(values: readonly T[], code: number, what: string): T {
  if (code >= values.length)
    throw new Error(`the packed users refer to ${what} ${code}, which is not listed`);
  return values[code]!;
}
