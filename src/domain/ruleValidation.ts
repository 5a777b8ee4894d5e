/**
 * Validates a rule the admin submitted: its structure (./ruleSchema.ts), then its references to the org's
 * groups and products and the consistency of its actions. Every problem is reported, each against the field
 * it concerns. A valid rule comes back normalised: text trimmed, domains lower-cased, repeated ids removed.
 */
import type { z } from 'zod';
import type { SnapshotSummary } from './directory';
import type { Rule, RuleAction } from './rule';
import { portalCustomerScopeErrors, type JsmValidationContext } from './ruleValidationJsm';
import {
  actionSchema,
  inactivitySchema,
  ruleInputSchema,
  scopeSchema,
  type ParsedRuleInput,
} from './ruleSchema';

export type RuleInput = Omit<Rule, 'id' | 'createdAt' | 'updatedAt'>;

export interface FieldError {
  field: string;
  message: string;
}

export interface RuleValidationContext extends JsmValidationContext {
  groups: Array<{ id: string; name: string; syncedFromIdp: boolean }>;
  products: string[];
}

/** The org as a scan saw it: its groups, its product keys once each, and the groups holding only customers. */
export function ruleValidationContextOf(
  snapshot: Pick<SnapshotSummary, 'groups' | 'products'>,
  customerOnlyGroupIds?: ReadonlySet<string>,
): RuleValidationContext {
  return {
    groups: snapshot.groups.map((g) => ({ id: g.id, name: g.name, syncedFromIdp: g.syncedFromIdp })),
    products: [...new Set(snapshot.products.map((p) => p.key))],
    ...(customerOnlyGroupIds ? { customerOnlyGroupIds } : {}),
  };
}

type ContextGroup = RuleValidationContext['groups'][number];
type PathSegment = string | number;
type IndexedAction = { action: RuleAction; index: number };

export function validateRuleInput(
  input: unknown,
  ctx: RuleValidationContext,
): { ok: true; rule: RuleInput } | { ok: false; errors: FieldError[] } {
  const parsed = ruleInputSchema.safeParse(input);
  const errors = [
    ...(parsed.success ? [] : structureErrors(parsed.error.issues)),
    ...referenceErrors(input, ctx),
  ];
  if (!parsed.success || errors.length > 0) return { ok: false, errors: withoutRepeats(errors) };
  return { ok: true, rule: normalisedRule(parsed.data) };
}

function structureErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: fieldPath([...issue.path, key]),
          message: `unknown field '${key}'`,
        }))
      : [{ field: fieldPath(issue.path), message: issue.message }],
  );
}

/** `['actions', 1, 'groupId']` → `actions[1].groupId`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((field, segment) => {
    if (typeof segment === 'number') return `${field}[${segment}]`;
    return field === '' ? String(segment) : `${field}.${String(segment)}`;
  }, '');
}

/** The most entries each list of a rule may hold, and the longest id: enough for any real rule, bounded for storage. */
export const RULE_LIST_LIMITS = {
  'scope.includeGroupIds': 500,
  'scope.excludeGroupIds': 500,
  'scope.excludeAccountIds': 5_000,
  'scope.includeEmailDomains': 500,
  'scope.excludeEmailDomains': 500,
  actions: 20,
} as const;
export const MAX_RULE_ID_LENGTH = 128;

function boundErrors(input: unknown): FieldError[] {
  return Object.entries(RULE_LIST_LIMITS).flatMap(([field, max]) => {
    const list = valueAt(input, field.split('.'));
    if (!Array.isArray(list)) return [];
    if (list.length > max) return [{ field, message: `${field} can hold at most ${max} entries` }];
    return list.flatMap((item, i) =>
      typeof item === 'string' && item.length > MAX_RULE_ID_LENGTH
        ? [{ field: `${field}[${i}]`, message: `must be at most ${MAX_RULE_ID_LENGTH} characters` }]
        : [],
    );
  });
}

function referenceErrors(input: unknown, ctx: RuleValidationContext): FieldError[] {
  const groups = new Map(ctx.groups.map((group) => [group.id, group]));
  const bounds = boundErrors(input);
  if (bounds.length > 0) return bounds;
  return [
    ...scopeGroupErrors(input, groups),
    ...domainOverlapErrors(input),
    ...inactivityProductErrors(input, ctx.products),
    ...seatTargetProductErrors(input, ctx.products),
    ...portalCustomerScopeErrors(
      {
        product: validPart(inactivitySchema.shape.product, input, 'inactivity', 'product'),
        accountKinds: validPart(scopeSchema.shape.accountKinds, input, 'scope', 'accountKinds'),
        includeGroupIds: validPart(scopeSchema.shape.includeGroupIds, input, 'scope', 'includeGroupIds'),
      },
      ctx,
    ),
    ...actionErrors(input, groups, ctx.products),
  ];
}

function valueAt(input: unknown, path: PathSegment[]): unknown {
  return path.reduce<unknown>(
    (node, segment) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined,
    input,
  );
}

/** The part of the raw input at `path`, parsed on its own so that its checks run even when other parts fail. */
function validPart<T>(schema: z.ZodType<T>, input: unknown, ...path: PathSegment[]): T | undefined {
  const parsed = schema.safeParse(valueAt(input, path));
  return parsed.success ? parsed.data : undefined;
}

function scopeGroupErrors(input: unknown, groups: Map<string, ContextGroup>): FieldError[] {
  const included = validPart(scopeSchema.shape.includeGroupIds, input, 'scope', 'includeGroupIds') ?? [];
  const excluded = validPart(scopeSchema.shape.excludeGroupIds, input, 'scope', 'excludeGroupIds') ?? [];
  const includedSet = new Set(included);
  return [
    ...included.flatMap((id, i) =>
      groups.has(id)
        ? []
        : [{ field: `scope.includeGroupIds[${i}]`, message: `include group '${id}' does not exist` }],
    ),
    ...excluded.flatMap((id, i) => {
      const field = `scope.excludeGroupIds[${i}]`;
      const group = groups.get(id);
      if (group === undefined) return [{ field, message: `exclude group '${id}' does not exist` }];
      if (includedSet.has(id))
        return [{ field, message: `group '${group.name}' cannot be both included and excluded` }];
      return [];
    }),
  ];
}

function domainOverlapErrors(input: unknown): FieldError[] {
  const included = new Set(
    validPart(scopeSchema.shape.includeEmailDomains, input, 'scope', 'includeEmailDomains'),
  );
  const excluded =
    validPart(scopeSchema.shape.excludeEmailDomains, input, 'scope', 'excludeEmailDomains') ?? [];
  return excluded.flatMap((domain, i) =>
    included.has(domain)
      ? [
          {
            field: `scope.excludeEmailDomains[${i}]`,
            message: `domain '${domain}' cannot be both included and excluded`,
          },
        ]
      : [],
  );
}

function inactivityProductErrors(input: unknown, products: string[]): FieldError[] {
  const product = validPart(inactivitySchema.shape.product, input, 'inactivity', 'product');
  if (product === undefined || product === 'any' || products.includes(product)) return [];
  return [{ field: 'inactivity.product', message: unknownProductMessage(product, ['any', ...products]) }];
}

function seatTargetProductErrors(input: unknown, products: string[]): FieldError[] {
  const product = validPart(inactivitySchema.shape.product, input, 'seatTarget', 'product');
  if (product === undefined || products.includes(product)) return [];
  return [{ field: 'seatTarget.product', message: unknownProductMessage(product, products) }];
}

function unknownProductMessage(product: string, known: string[]): string {
  return known.length === 0
    ? `product '${product}' is not available on this site`
    : `product '${product}' is not one of ${known.join(', ')}`;
}

function actionErrors(input: unknown, groups: Map<string, ContextGroup>, products: string[]): FieldError[] {
  const actions = validActions(input);
  return [
    ...actions.flatMap(({ action, index }) =>
      actionReferenceErrors(action, `actions[${index}]`, groups, products),
    ),
    ...repeatedActionErrors(actions),
    ...addAndRemoveSameGroupErrors(actions, groups),
  ];
}

/** Each action that is valid on its own, with its position in the submitted list. */
function validActions(input: unknown): IndexedAction[] {
  const raw = valueAt(input, ['actions']);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((_, index) => {
    const action = validPart(actionSchema, input, 'actions', index);
    return action === undefined ? [] : [{ action, index }];
  });
}

function actionReferenceErrors(
  action: RuleAction,
  field: string,
  groups: Map<string, ContextGroup>,
  products: string[],
): FieldError[] {
  switch (action.kind) {
    case 'remove-from-groups':
      return action.groupIds.flatMap((id, i) =>
        groups.has(id) ? [] : [{ field: `${field}.groupIds[${i}]`, message: `group '${id}' does not exist` }],
      );
    case 'revoke-product':
      return products.includes(action.product)
        ? []
        : [{ field: `${field}.product`, message: unknownProductMessage(action.product, products) }];
    case 'add-to-group': {
      const group = groups.get(action.groupId);
      if (group === undefined)
        return [{ field: `${field}.groupId`, message: `group '${action.groupId}' does not exist` }];
      if (!group.syncedFromIdp) return [];
      return [
        {
          field: `${field}.groupId`,
          message: `group '${group.name}' is synced from an identity provider, so members can only be added there`,
        },
      ];
    }
    case 'suspend':
      return [];
  }
}

/** What makes two actions the same action: the same kind on the same target. */
function actionIdentity(action: RuleAction): string {
  switch (action.kind) {
    case 'revoke-product':
      return `${action.kind}:${action.product}`;
    case 'add-to-group':
      return `${action.kind}:${action.groupId}`;
    case 'remove-from-groups':
    case 'suspend':
      return action.kind;
  }
}

function repeatedActionErrors(actions: IndexedAction[]): FieldError[] {
  const firstIndexOf = new Map<string, number>();
  return actions.flatMap(({ action, index }) => {
    const identity = actionIdentity(action);
    const first = firstIndexOf.get(identity);
    if (first === undefined) {
      firstIndexOf.set(identity, index);
      return [];
    }
    const hint = action.kind === 'remove-from-groups' ? '; list all its groups in one action' : '';
    return [{ field: `actions[${index}]`, message: `this action repeats actions[${first}]${hint}` }];
  });
}

function addAndRemoveSameGroupErrors(
  actions: IndexedAction[],
  groups: Map<string, ContextGroup>,
): FieldError[] {
  const removed = new Set(
    actions.flatMap(({ action }) => (action.kind === 'remove-from-groups' ? action.groupIds : [])),
  );
  return actions.flatMap(({ action, index }) =>
    action.kind === 'add-to-group' && removed.has(action.groupId)
      ? [
          {
            field: `actions[${index}].groupId`,
            message: `add-to-group and remove-from-groups name the same group '${groups.get(action.groupId)?.name ?? action.groupId}'`,
          },
        ]
      : [],
  );
}

function withoutRepeats(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.field}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function normalisedRule(parsed: ParsedRuleInput): RuleInput {
  return {
    ...parsed,
    scope: {
      includeGroupIds: distinct(parsed.scope.includeGroupIds),
      excludeGroupIds: distinct(parsed.scope.excludeGroupIds),
      excludeAccountIds: distinct(parsed.scope.excludeAccountIds),
      includeEmailDomains: distinct(parsed.scope.includeEmailDomains),
      excludeEmailDomains: distinct(parsed.scope.excludeEmailDomains),
      accountKinds: distinct(parsed.scope.accountKinds),
    },
    actions: parsed.actions.map((action) =>
      action.kind === 'remove-from-groups' ? { ...action, groupIds: distinct(action.groupIds) } : action,
    ),
  };
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}
