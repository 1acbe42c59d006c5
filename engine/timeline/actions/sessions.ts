import { z } from 'zod';
import { count } from '../../units.ts';
import { defineAction } from '../action.ts';

/** CS-3, CS-4, CS-5: activation and reactivation, automatic (online) or manual (offline). */
function activation(kind: 'activate' | 'reactivate', type: 'ACTIVATE' | 'REACTIVATE') {
  return defineAction({
    kind,
    doc:
      kind === 'activate'
        ? 'activate automatically or manually, claiming the sessions (or seat) it needs (CS-2, CS-3, CS-5)'
        : 'reactivate: the latest licence; only an increase of sessions is claimed (CS-4)',
    rules: kind === 'activate' ? ['CS-2', 'CS-3', 'CS-5'] : ['CS-4'],
    models: ['session-claim'],
    shape: {
      mode: z.enum(['automatic', 'manual']).default('automatic'),
      sessions: count.optional().describe('sessions to claim (default: what the server needs)'),
    },
    resolve: (raw) => raw,
    apply(sim, global, p) {
      const usage = sim.usageOf(global);
      const sessions = p.sessions ?? usage.sessions ?? usage.seats;
      sim.deliver(global, { type, mode: p.mode, ...(sessions !== undefined ? { sessions } : {}) });
    },
  });
}

/** CS-7: the installation uses a feature; the licence it last pulled must include it. */
export const useFeature = defineAction({
  kind: 'use-feature',
  doc: 'the installation uses a feature: refused unless the licence it last pulled includes it (CS-7)',
  rules: ['CS-7'],
  models: ['session-claim'],
  shape: { feature: z.string({ error: 'expected a feature name' }).min(1) },
  resolve: (raw) => raw,
  apply(sim, global, p) {
    sim.deliver(global, { type: 'USE_FEATURE', feature: p.feature });
  },
});

export const activate = activation('activate', 'ACTIVATE');
export const reactivate = activation('reactivate', 'REACTIVATE');
