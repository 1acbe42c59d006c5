import { describe, expect, it } from 'vitest';
import { expectations } from '../../reports/html/scenarioResults.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { oneCluster } from '../support/oneCluster.ts';

const LATE = oneCluster({ name: 'late', purchase: 40, expect: '  - never: { state: enforcement }\n' });

describe("the scenario page tells a failure's cause (issue 14)", () => {
  it('each explained evidence row has its changes of status, triggers and fired rules, and the explain command', () => {
    const loaded = parseScenarios(LATE, 'late.yaml');
    if (!loaded.ok) throw new Error('late.yaml');
    const html = expectations(runLoaded(loaded.scenarios[0] as LoadedScenario));
    expect(html).toContain('<details class="cause" id="why-1-1"><summary>why: 3 changes of status</summary>');
    expect(html).toContain('<td>outOfComplianceOverage → outOfComplianceEnforced</td><td>timer overage (overageDays = 30 d');
    expect(html).toContain('<td>timeline register (late.yaml:12)</td><td>SL-4</td>');
    expect(html).toContain('<code>licsim explain late.yaml --instance hq-000</code>');
    // The rules column shows the rules that fired, said so.
    expect(html).toContain('<td>SL-12 <span class="muted">fired</span></td>');
  });
});
