/**
 * The report bench's suite: `count` tiny scenarios in one suite file, so that
 * a run of it measures the report pipeline (pages, charts, manifest), not the
 * simulation. Each scenario has three Smart Licensing clusters of 10 users for
 * 20 days against a VA of 30 licences; every tenth buys only 25, so its
 * `maxOverdraft` fails with evidence and its page gets an event-log excerpt.
 */
export function suiteFile(count: number): string {
  const scenarios = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const owned = i % 10 === 9 ? 25 : 30;
    return `  - name: Suite scenario ${n}
    description: Three clusters of 10 users register on day 2 against ${owned} licences.
    seed: ${i + 1}
    duration: 20d
    accounts:
      - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: ${owned} }] }
    fleet:
      - { name: sl, model: smart-licensing, count: 3, account: va, users: 10, profiles: { desk-phone: 1 } }
    timeline:
      - { at: 2d, do: register }
    expect:
      - maxOverdraft: { max: 0 }
`;
  });
  return `licsim: 3
suite: Report bench (${count} scenarios)
description: Tiny scenarios, so a run measures the report pipeline.
scenarios:
${scenarios.join('')}`;
}
