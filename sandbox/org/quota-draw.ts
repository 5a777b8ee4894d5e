/**
 * Hands out categories in random order with exact totals: each draw picks a category with probability
 * proportional to what it has left, so after `sum(quotas)` draws every category was drawn exactly its
 * quota. This gives realistic rounding (the counts an admin would see) without a shuffled array of N.
 */
export class QuotaDraw<K extends string> {
  private readonly remaining: Array<[K, number]>;
  private total: number;

  constructor(
    quotas: Record<K, number>,
    private readonly random: () => number,
  ) {
    this.remaining = (Object.entries(quotas) as Array<[K, number]>).filter(([, n]) => n > 0);
    this.total = this.remaining.reduce((sum, [, n]) => sum + n, 0);
  }

  get left(): number {
    return this.total;
  }

  next(): K {
    if (this.total <= 0) throw new Error('QuotaDraw exhausted: every quota has been drawn');
    let target = this.random() * this.total;
    for (const entry of this.remaining) {
      if (target < entry[1]) return this.take(entry);
      target -= entry[1];
    }
    return this.take(this.remaining.findLast(([, n]) => n > 0)!);
  }

  private take(entry: [K, number]): K {
    entry[1]--;
    this.total--;
    return entry[0];
  }
}
