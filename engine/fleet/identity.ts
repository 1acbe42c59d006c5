import { en, Faker } from '@faker-js/faker';
import { fastRandomizer } from '../random.ts';

/** The names a product instance goes by in reports and evidence. */
export interface InstanceIdentity {
  id: string;
  hostname: string;
  mac: string;
  /** Unique device identifier (PID:SN), as Smart Licensing reports it. */
  udi: string;
  serial: string;
  site: string;
}

const faker = new Faker({ locale: [en], randomizer: fastRandomizer() });

/**
 * An instance's identity, drawn with faker seeded from the scenario seed and the
 * instance's place in its group: the same scenario and seed always name the same
 * instance the same way, and only instances that appear in a report are named.
 * Drawing one takes ≈ 0.1 ms, so the last few thousand are kept (callers copy before changing one).
 */
export function identityOf(seed: number, group: number, index: number, id: string): InstanceIdentity {
  const key = `${seed}\0${group}\0${index}\0${id}`;
  const known = drawn.get(key);
  if (known) return known;
  const identity = Object.freeze(draw(seed, group, index, id));
  if (drawn.size >= DRAWN_KEPT) drawn.clear();
  drawn.set(key, identity);
  return identity;
}

/** How many identities are kept for the next run that names the same instances (a fuzz search runs thousands). */
const DRAWN_KEPT = 4096;
const drawn = new Map<string, Readonly<InstanceIdentity>>();

function draw(seed: number, group: number, index: number, id: string): InstanceIdentity {
  faker.seed([seed, group, index]);
  const site = faker.location.city();
  const serial = faker.string.alphanumeric({ length: 11, casing: 'upper' });
  return {
    id,
    hostname:
      `${faker.word.adjective({ length: { min: 3, max: 8 } })}-${faker.word.noun({ length: { min: 3, max: 8 } })}-${index}`.toLowerCase(),
    mac: faker.internet.mac(),
    udi: `PID:UCM SN:${serial}`,
    serial,
    site,
  };
}

/** Stable instance ids: the group name and the instance's index in it. */
export function instanceId(group: string, index: number, groupSize: number): string {
  return `${group}-${String(index).padStart(indexWidth(groupSize), '0')}`;
}

/** How many digits an instance's index is written with in a group of this size (at least 3). */
export function indexWidth(groupSize: number): number {
  return Math.max(3, String(groupSize - 1).length);
}
