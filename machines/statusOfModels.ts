import { statusCatalog, type StatusEntry } from './catalog.ts';
import { NO_FACTS, NO_USAGE } from './env.ts';
import { MODEL_DEFINITIONS } from './models.ts';
import type { ModelName } from './policyOverride.ts';

const cache = new Map<ModelName, StatusEntry[]>();

/** The statuses of a licensing model's machine (cached). */
export function modelStatuses(model: ModelName): StatusEntry[] {
  let entries = cache.get(model);
  if (!entries) {
    entries = statusCatalog(MODEL_DEFINITIONS[model].create({ now: () => 0, facts: NO_FACTS, usageOf: NO_USAGE }));
    cache.set(model, entries);
  }
  return entries;
}
