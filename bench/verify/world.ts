/**
 * The verification bench's world: Smart Licensing instances (one group each) sharing a
 * virtual account and CSSM, a link each, under the documented defaults; the environment may take the
 * link down and up, grow, purchase, deregister and register, at most `events` times in
 * `days` days. Its properties: state and ledger agree (holds), and overdraft stays at
 * most 3 licences (two grows break it). The whole space is explored either way.
 */
export function benchWorld(options: { instances: number; events: number; days: number }): string {
  const shops = Array.from({ length: options.instances }, (_, i) => `shop-${i + 1}`);
  const perShop = ['link-down', 'link-up', 'grow, users: 3', 'deregister', 'register'];
  // One instance per group, so that each has its own events (one group of n instances would move as one).
  const target = (shop: string) => (options.instances === 1 ? '' : `, target: { groups: [${shop}] }`);
  return `licsim: 3
name: Verification bench — ${options.instances} smart-licensing instance(s), ${options.days} days, at most ${options.events} events
seed: 1
duration: ${options.days}d
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 5 }] }
fleet:
${shops.map((s) => `  - { name: ${s}, model: smart-licensing, count: 1, account: va, users: 4, profiles: { desk-phone: 1 } }`).join('\n')}
verify:
  events: ${options.events}
  alphabet:
${shops.flatMap((s) => perShop.map((e) => `    - { do: ${e}${target(s)} }`)).join('\n')}
    - { do: purchase, account: va, type: UCL-Enhanced, count: 5 }
  properties:
    - name: state and ledger agree
      consistent: true
    - name: overdraft stays at most 3 licences
      maxOverdraft: { type: UCL-Enhanced, max: 3 }
`;
}
