import { en, Faker } from '@faker-js/faker';
import type { Mix, Range } from '../scenario.ts';

/** Draws a group's per-instance values with faker, seeded by the scenario seed and the group's position. */
export class GroupDraw {
  // Made at the first draw that needs it: a faker costs ≈ 0.1 ms to make, and a fixed range or a one-key mix draws nothing.
  private made: Faker | null = null;

  constructor(
    private readonly seed: number,
    private readonly group: number,
  ) {}

  private get faker(): Faker {
    if (!this.made) {
      this.made = new Faker({ locale: [en] });
      this.made.seed([this.seed, this.group, 0x51ed]);
    }
    return this.made;
  }

  range(range: Range): number {
    return typeof range === 'number' ? range : this.faker.number.int({ min: range.min, max: range.max });
  }

  /** One key of a mix, with probability proportional to its share. */
  pick<K extends string>(mix: Mix<K>): K {
    const entries = Object.entries(mix) as Array<[K, number]>;
    if (entries.length === 1) return (entries[0] as [K, number])[0];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let u = (this.faker.number.int({ min: 0, max: 999_999_999 }) / 1e9) * total;
    for (const [key, w] of entries) {
      if (u < w) return key;
      u -= w;
    }
    return (entries.at(-1) as [K, number])[0];
  }

  mac(): string {
    return this.faker.internet.mac();
  }
}
