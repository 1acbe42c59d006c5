/** What a one-cluster scenario of the tests varies. */
export interface OneCluster {
  name: string;
  /** Lines after `name:` (e.g. `tags: [smoke]`). */
  head?: string;
  days?: number;
  /** UCL-Enhanced licences the VA owns (the cluster's ten desk-phone users need 10). */
  licences?: number;
  /** The day 10 more are bought, if any. */
  purchase?: number;
  /** The `expect:` items, as written (indented under `expect:`). */
  expect: string;
}

/**
 * One cluster of ten desk-phone users (10 UCL-Enhanced) on a VA, registered on day 0 (line 12
 * without `head`), with a 30-day overage period (SL-12): with 5 licences CSSM finds the VA short
 * at its first daily check on day 1 and the cluster enters enforcement on day 31.
 *
 * @example
 * oneCluster({ name: 'late', licences: 5, purchase: 40, expect: '  - never: { state: enforcement }\n' });
 */
export function oneCluster(o: OneCluster): string {
  const purchase = o.purchase === undefined ? '' : `  - { at: ${o.purchase}d, do: purchase, account: va, type: UCL-Enhanced, count: 10 }\n`;
  return `licsim: 3
name: ${o.name}
${o.head ? `${o.head}\n` : ''}seed: 1
duration: ${o.days ?? 60}d
policy:
  smart-licensing: { overrides: { overageDays: 30 } }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: ${o.licences ?? 5} }] }
fleet:
  - { name: hq, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
${purchase}expect:
${o.expect}`;
}
