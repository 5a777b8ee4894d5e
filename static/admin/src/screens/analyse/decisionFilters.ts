import type { ResolverPayload } from '../../../../../src/contract';

/** The decision table's filters, as the backend's preview query takes them (it filters, pages and counts). */
export type DecisionFilterQuery = Pick<
  ResolverPayload<'getPreviewDecisions'>,
  'emailDomain' | 'groupId' | 'accountKinds' | 'activeFrom' | 'activeTo' | 'neverActive'
>;
export type FilterField = keyof DecisionFilterQuery;
export type AccountKind = NonNullable<DecisionFilterQuery['accountKinds']>[number];

export const FILTER_FIELDS: readonly FilterField[] = [
  'emailDomain',
  'groupId',
  'accountKinds',
  'activeFrom',
  'activeTo',
  'neverActive',
];

/** Every account kind the filter knows (the record's type makes it name each one of the contract's). */
export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  atlassian: 'People (Atlassian accounts)',
  app: 'Apps and bots',
  customer: 'Service management customers',
};
const ACCOUNT_KINDS = Object.keys(ACCOUNT_KIND_LABELS) as AccountKind[];

export type Activity = 'any' | 'between' | 'never';

/** What the admin set, as the controls hold it. */
export interface FilterControls {
  emailDomain: string;
  groupId: string | null;
  kinds: ReadonlySet<AccountKind>;
  activity: Activity;
  from: string;
  to: string;
}

export const NO_FILTERS: FilterControls = {
  emailDomain: '',
  groupId: null,
  kinds: new Set(ACCOUNT_KINDS),
  activity: 'any',
  from: '',
  to: '',
};

/** The query the controls ask for; every kind ticked asks for no kind filter. */
export function filterQuery(controls: FilterControls): DecisionFilterQuery {
  const domain = controls.emailDomain.trim();
  const kinds = ACCOUNT_KINDS.filter((kind) => controls.kinds.has(kind));
  return {
    ...(domain ? { emailDomain: domain } : {}),
    ...(controls.groupId ? { groupId: controls.groupId } : {}),
    ...(kinds.length < ACCOUNT_KINDS.length ? { accountKinds: kinds } : {}),
    ...(controls.activity === 'never' ? { neverActive: true } : {}),
    ...(controls.activity === 'between' && controls.from ? { activeFrom: controls.from } : {}),
    ...(controls.activity === 'between' && controls.to ? { activeTo: controls.to } : {}),
  };
}

export function isFiltered(query: DecisionFilterQuery): boolean {
  return Object.keys(query).length > 0;
}
