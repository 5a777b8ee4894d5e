import type { KeyValueStore } from '../platform/ports';

/**
 * Turns: one holder at a time of something named (one live run per rule), taken with atomic creates. Turn n is the key
 * `turn:{name}:{n}`; a holder takes turn n + 1 only once the holder of turn n is over, and of holders racing for one
 * turn exactly one creates it. Nothing is overwritten or deleted, so there is no release to lose: a turn ends when
 * its holder is over (a run that finished, or one whose request died before it was stored).
 */

interface TurnRecord<H> {
  holder: H;
  takenAt: string;
}

export type TurnAnswer<H> = { taken: true } | { taken: false; holder: H };

/** Turns taken in a row without finding the current one: the head hint is that far behind, or something is wrong. */
const MAX_WALK = 1000;

const turnKey = (name: string, n: number) => `turn:${name}:${String(n).padStart(9, '0')}`;
/** Where the latest turn taken probably is; only a hint (plain writes), so the walk starts there and moves forward. */
const headKey = (name: string) => `turn-head:${name}`;

/**
 * Takes the next turn of `name` for `holder`, unless a holder that is not over has it; taking a turn `holder` already
 * holds answers taken (a repeated request). `name` must be key-safe.
 */
export async function takeTurn<H>(
  store: KeyValueStore,
  name: string,
  holder: H,
  options: {
    now: Date;
    same: (a: H, b: H) => boolean;
    isOver: (holder: H, takenAt: Date) => Promise<boolean>;
  },
): Promise<TurnAnswer<H>> {
  const start = (await store.get<number>(headKey(name))) ?? 0;
  for (let n = start; n < start + MAX_WALK; n++) {
    const record: TurnRecord<H> = { holder, takenAt: options.now.toISOString() };
    if (await store.create(turnKey(name, n), record)) {
      await store.set(headKey(name), n);
      return { taken: true };
    }
    const current = await store.get<TurnRecord<H>>(turnKey(name, n));
    if (!current) throw new Error(`turn ${n} of ${name} exists but cannot be read`);
    if (options.same(current.holder, holder)) return { taken: true };
    if (!(await options.isOver(current.holder, new Date(current.takenAt)))) {
      return { taken: false, holder: current.holder };
    }
  }
  throw new Error(`${name}: no free turn within ${MAX_WALK} of turn ${start}`);
}
