/** The actions of a live run that undo reverses (see "Audit conventions"); `recheck` changes nothing. */
export const REVERSIBLE_ACTIONS = [
  'suspend',
  'remove-from-group',
  'revoke-direct-role',
  'add-to-group',
  'idp-handoff',
] as const;

export type ReversibleAction = (typeof REVERSIBLE_ACTIONS)[number];
