import type { Faker } from '@faker-js/faker';

/** Every random draw of the generator, all taken from one seeded faker so a seed fixes the whole org. */
export interface Sampler {
  readonly faker: Faker;
  /** Uniform in [0, 1). */
  random(): number;
  chance(probability: number): boolean;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  pickByShare<T extends { share: number }>(items: readonly T[]): T;
  uuid(): string;
  lowerHex(length: number): string;
}

export function samplerFrom(faker: Faker): Sampler {
  const random = (): number => faker.number.float();
  return {
    faker,
    random,
    chance: (probability) => random() < probability,
    between: (min, max) => min + random() * (max - min),
    pick: (items) => items[Math.floor(random() * items.length)]!,
    pickByShare: (items) => {
      let target = random() * items.reduce((sum, item) => sum + item.share, 0);
      for (const item of items) {
        if (target < item.share) return item;
        target -= item.share;
      }
      return items[items.length - 1]!;
    },
    uuid: () => faker.string.uuid(),
    lowerHex: (length) => faker.string.hexadecimal({ length, casing: 'lower', prefix: '' }),
  };
}
