/**
 * The shape of a rule as the admin submits it, with messages an admin can act on. Only structure and ranges
 * live here; checks against the org's groups and products are in ./ruleValidation.ts.
 */
import { z } from 'zod';
import { isEmailDomain } from './emailDomain';
import type { SeatTarget } from './rule';

const ACTION_KINDS = ['remove-from-groups', 'revoke-product', 'suspend', 'add-to-group'] as const;
const FREQUENCIES = ['manual', 'daily', 'weekly', 'monthly'] as const;

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

function typeMessage(label: string, expected: string) {
  return {
    error: (issue: { code?: string; input?: unknown }) => {
      if (issue.code !== 'invalid_type') return undefined;
      return issue.input === undefined ? `${label} is required` : `${label} must be ${expected}`;
    },
  };
}

function text(label: string) {
  return z
    .string(typeMessage(label, 'text'))
    .trim()
    .min(1, { error: `${label} must not be empty` });
}

function flag(label: string) {
  return z.boolean(typeMessage(label, 'true or false'));
}

const COUNT = new Intl.NumberFormat('en-US');

/** `label` is what the admin sees beside the field, in plain words: the payload's field is named apart. */
function wholeNumberBetween(label: string, min: number, max: number) {
  const range = {
    error: `${label} must be a whole number from ${COUNT.format(min)} to ${COUNT.format(max)}`,
  };
  return z
    .number(typeMessage(label, 'a number'))
    .int({ error: `${label} must be a whole number` })
    .min(min, range)
    .max(max, range);
}

function listOf<T extends z.ZodType>(label: string, item: T) {
  return z.array(item, typeMessage(label, 'a list'));
}

function section<T extends z.ZodRawShape>(label: string, shape: T) {
  return z.strictObject(shape, typeMessage(label, 'an object'));
}

function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? `${label} is required` : `${label} must be one of ${values.join(', ')}`,
  });
}

const emailDomain = z
  .string(typeMessage('e-mail domain', 'text'))
  .trim()
  .toLowerCase()
  .refine(isEmailDomain, {
    error: (issue) => `'${String(issue.input)}' is not an e-mail domain such as example.com`,
  });

export const scopeSchema = section('scope', {
  includeGroupIds: listOf('includeGroupIds', text('group id')),
  excludeGroupIds: listOf('excludeGroupIds', text('group id')),
  excludeAccountIds: listOf('excludeAccountIds', text('account id')),
  includeEmailDomains: listOf('includeEmailDomains', emailDomain),
  excludeEmailDomains: listOf('excludeEmailDomains', emailDomain),
  accountKinds: listOf('accountKinds', oneOf('account kind', ['staff', 'external', 'customer'])).min(1, {
    error: 'at least one account kind is required',
  }),
});

export const inactivitySchema = section('inactivity', {
  product: text('product'),
  days: wholeNumberBetween('Days without activity', 1, 3650),
  includeNeverActive: flag('includeNeverActive'),
  graceDays: wholeNumberBetween('Grace days for new accounts', 0, 3650),
  includeInvitedNeverJoined: flag('includeInvitedNeverJoined'),
});

/** Messages for a union told apart by `key`: an unknown or missing `key`, or a value that is not an object. */
function variants(label: string, key: string, values: readonly string[]) {
  return {
    error: (issue: { code?: string; input?: unknown }) => {
      if (issue.code === 'invalid_union') return `${key} must be one of ${values.join(', ')}`;
      if (issue.code !== 'invalid_type') return undefined;
      return issue.input === undefined ? `${label} is required` : `${label} must be an object`;
    },
  };
}

export const actionSchema = z.discriminatedUnion(
  'kind',
  [
    section('action', {
      kind: z.literal('remove-from-groups'),
      groupIds: listOf('groupIds', text('group id')).min(1, {
        error: 'groupIds must name at least one group',
      }),
    }),
    section('action', { kind: z.literal('revoke-product'), product: text('product') }),
    section('action', { kind: z.literal('suspend') }),
    section('action', { kind: z.literal('add-to-group'), groupId: text('groupId') }),
  ],
  variants('action', 'kind', ACTION_KINDS),
);

const hourUtc = wholeNumberBetween('Hour (UTC)', 0, 23);

const scheduleSchema = z.discriminatedUnion(
  'frequency',
  [
    section('schedule', { frequency: z.literal('manual') }),
    section('schedule', { frequency: z.literal('daily'), hourUtc }),
    section('schedule', {
      frequency: z.literal('weekly'),
      weekday: wholeNumberBetween('Weekday', 0, 6).transform((day) => day as Weekday),
      hourUtc,
    }),
    section('schedule', {
      frequency: z.literal('monthly'),
      dayOfMonth: wholeNumberBetween('Day of the month', 1, 28),
      hourUtc,
    }),
  ],
  variants('schedule', 'frequency', FREQUENCIES),
);

const percentRange = { error: 'Share of the scope per run must be from 0.1 to 100 %' };

const limitsSchema = section('limits', {
  maxUsersPerRun: wholeNumberBetween('Users per run', 1, 100_000),
  maxPercentOfScope: z
    .number(typeMessage('Share of the scope per run', 'a number'))
    .min(0.1, percentRange)
    .max(100, percentRange),
});

export const warningSchema = z
  .strictObject(
    { days: wholeNumberBetween('Warning days', 1, 90) },
    typeMessage('warning', 'null (act without warning) or an object with days'),
  )
  .nullable()
  // A client that predates warnings sends no field: it means "act without warning", as before.
  .default(null);

const seatTargetSchema = section('seatTarget', {
  product: text('product'),
  seats: wholeNumberBetween('Seat target', 0, 100_000).optional(),
  tier: z.literal('next-lower', { error: "tier must be 'next-lower'" }).optional(),
})
  .superRefine((target, ctx) => {
    if ((target.seats === undefined) === (target.tier === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: "seatTarget needs either seats or tier: 'next-lower', not both",
      });
    }
  })
  .transform((target): SeatTarget =>
    target.seats !== undefined
      ? { product: target.product, seats: target.seats }
      : { product: target.product, tier: 'next-lower' },
  )
  .nullable()
  // Rules without a seat target send no field.
  .default(null);

export const ruleInputSchema = section('rule', {
  name: text('name').max(100, { error: 'name must be at most 100 characters' }),
  enabled: flag('enabled'),
  mode: oneOf('mode', ['preview', 'live']),
  scope: scopeSchema,
  inactivity: inactivitySchema,
  actions: listOf('actions', actionSchema).min(1, { error: 'at least one action is required' }),
  schedule: scheduleSchema,
  limits: limitsSchema,
  warning: warningSchema,
  seatTarget: seatTargetSchema,
});

export type ParsedRuleInput = z.infer<typeof ruleInputSchema>;
export type ParsedAction = z.infer<typeof actionSchema>;
