import { z } from 'zod';
import type { Evidence } from '../../../engine/result.ts';
import { defineExpectation } from '../definition.ts';
import { scope } from '../fields.ts';
import { EVIDENCE_LIMIT, evidenceDay, Scope, verdictOf } from '../monitor.ts';
import { inGroups } from '../resolve.ts';

const RULES = ['SL-4', 'SL-7', 'SL-8', 'SLR-4', 'NL-7', 'CS-3'];

/**
 * consistent (DOMAIN.md §6): the holdings each instance's state implies and the
 * ledger's always agree. It hears every disagreement the run's always-on
 * consistency watch finds (daily for instances whose holdings changed, every
 * instance at the end) and counts those of the instances in scope.
 */
export const consistent = defineExpectation({
  kind: 'consistent',
  doc: "the holdings a state implies and the ledger's always agree, checked daily and at the end of the run (DOMAIN.md §6)",
  schema: z.union([z.literal(true), z.strictObject({ ...scope })], { error: 'expected true or { groups, instances, variant }' }),
  resolve(_body, x) {
    return { title: `every instance's state agrees with the ledger${inGroups(x.groups)}` };
  },
  monitor(e) {
    const scope = new Scope(e);
    const evidence: Evidence[] = [];
    let found = 0;
    return {
      start(s) {
        scope.bind(s);
      },
      inconsistent(address, f) {
        if (!scope.has(address)) return;
        found++;
        if (evidence.length >= EVIDENCE_LIMIT) return;
        const day = evidenceDay(f.tick);
        evidence.push({
          instance: f.instance,
          day,
          value: f.status,
          detail: `in ${f.status} on day ${day} the state says ${f.claims}, the ledger has ${f.ledger}`,
        });
      },
      verdict(result) {
        const { checks } = result.consistency;
        // The watch checks the whole fleet; the groups narrow what is counted, not what was checked.
        const message = e.groups
          ? `${found} disagreement${found === 1 ? '' : 's'} of a state with the ledger${inGroups(e.groups)} (${checks} checks in the fleet)`
          : `${found} of ${checks} checks of a state against the ledger disagreed`;
        return verdictOf(e, found === 0, message, RULES, found ? evidence : []);
      },
    };
  },
});
