import { z } from 'zod';
import type { Simulation } from '../../../engine/run/simulation.ts';
import { copyState } from '../checkState.ts';
import { defineExpectation } from '../definition.ts';
import { scope } from '../fields.ts';
import { evidenceDay, Scope, verdictOf } from '../monitor.ts';
import { inGroups } from '../resolve.ts';
import { countOf, eventKey, FirstRows, rowsOf, shareOf } from '../share.ts';

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
  verifiable: true,
  monitor(e) {
    const scope = new Scope(e);
    let st = { found: 0, evidence: new FirstRows() };
    let sim: Simulation;
    return {
      start(s) {
        sim = s;
        scope.bind(s);
      },
      inconsistent(address, f) {
        if (!scope.has(address)) return;
        st.found++;
        const key = eventKey(sim, address, f.tick);
        if (!st.evidence.wants(key)) return;
        const day = evidenceDay(f.tick);
        st.evidence.add(key, {
          instance: f.instance,
          day,
          value: f.status,
          detail: `in ${f.status} on day ${day} the state says ${f.claims}, the ledger has ${f.ledger}`,
        });
      },
      share: () => shareOf({ counts: { found: st.found }, lists: { evidence: st.evidence } }),
      judge(share, result) {
        const found = countOf(share, 'found');
        const evidence = rowsOf(share, 'evidence');
        const { checks } = result.consistency;
        // The watch checks the whole fleet; the groups narrow what is counted, not what was checked.
        const message = e.groups
          ? `${found} disagreement${found === 1 ? '' : 's'} of a state with the ledger${inGroups(e.groups)} (${checks} checks in the fleet)`
          : `${found} of ${checks} checks of a state against the ledger disagreed`;
        return verdictOf(e, found === 0, message, RULES, found ? evidence : []);
      },
      // A disagreement is heard as the watch finds it (daily, and at the end of a run): one fails it for good.
      check: {
        failed: () => st.found > 0,
        save: () => copyState(st),
        load(state) {
          st = copyState(state as typeof st);
        },
        // `F` once failed, else nothing: the watch compares the world as it is, and keeps no time.
        key: () => (st.found ? 'F' : ''),
      },
    };
  },
});
