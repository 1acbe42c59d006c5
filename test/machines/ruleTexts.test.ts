import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALARMS, alarmLabel, LICSIM_NAMED_ALARMS } from '../../machines/emitted.ts';
import { RULES } from '../../machines/rules.ts';

const copy = JSON.parse(readFileSync(new URL('../../docs/rules.json', import.meta.url), 'utf8')) as {
  revision: number;
  rules: Array<{ id: string; text: string; source: string }>;
};

describe("the project's copy of the domain reference (docs/, written by scripts/syncRules.mjs)", () => {
  it('holds a text and a source for exactly the rule ids the machines know, of revision 2', () => {
    expect(copy.revision).toBe(2);
    expect(copy.rules.map((r) => r.id).sort()).toEqual(Object.keys(RULES).sort());
    for (const r of copy.rules) {
      expect(r.text.length, r.id).toBeGreaterThan(20);
      expect(r.source, r.id).toMatch(/^(outside(, except .+ \([a-z0-9-]+\.txt\))?|[a-z0-9-]+\.txt(, [a-z0-9-]+\.txt)*)$/);
    }
    // Revision 2 marks SL-11..SL-17 (and the new SL-18) as outside the documents, in its table's order.
    const outside = copy.rules.filter((r) => r.source.startsWith('outside')).map((r) => r.id);
    expect(outside).toEqual(['SL-11', 'SL-12', 'SL-13', 'SL-14', 'SL-15', 'SL-16', 'SL-18', 'SL-17']);
  });

  it('is the copy every README link to the domain reference points at', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).not.toMatch(/\]\(\.\.\//);
    expect(readme).toContain('](docs/DOMAIN.md)');
    expect(readFileSync(new URL('../../docs/DOMAIN.md', import.meta.url), 'utf8')).toContain('## 6. Who knows what');
  });

  it("NL-1: the alarm names no document gives are exactly those marked licsim's own, and reports say so", () => {
    const domain = readFileSync(new URL('../../docs/DOMAIN.md', import.meta.url), 'utf8');
    expect(ALARMS.filter((name) => !domain.includes(name))).toEqual([...LICSIM_NAMED_ALARMS]);
    expect(alarmLabel('LicenseEvaluationExpired')).toBe("LicenseEvaluationExpired (licsim's name)");
    expect(alarmLabel('CiscoLicenseManagerDown')).toBe('CiscoLicenseManagerDown');
  });
});
