/**
 * Model-based property tests of the ledger against a reference written independently:
 * every licence unit is a token with a lot end date and a holder, and every figure is
 * recounted from the tokens after each command. Rules: NL-7, NL-8, CS-2..CS-4,
 * SLR-3..SLR-8, SLR-10, SL-7, SL-8, SL-11.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, Ledger } from '../../ledger/index.ts';
import type { OverdraftRegime } from '../../machines/overdraft.ts';

const RUNS = Number(process.env.LICSIM_FC_RUNS ?? 1000);
// LICSIM_FC_STATS=1 prints how often each command went through or was refused.
const STATS = process.env.LICSIM_FC_STATS === undefined ? null : new Map<string, number>();

// The tier order of SL-11, lowest first, restated here rather than imported.
const TIERS = ['UCL-Basic', 'UCL-Enhanced', 'UCL-EnhancedPlus', 'CUWL'] as const;
const ACCOUNT_TYPES = { va: [...TIERS], lf: ['DLU'], cs: ['sessions'] } as const;
type AccountId = keyof typeof ACCOUNT_TYPES;
// u* mostly register and report, r* mostly reserve; each also tries the other's operations.
const VA_INSTANCES = ['u0', 'u1', 'r0', 'r1'] as const;
const FILE_INSTANCES = ['c0', 'c1'] as const;
const SERVERS = ['s0', 's1', 's2'] as const;

interface Config {
  regime: OverdraftRegime;
  borrowing: boolean;
  /** Perpetual units every account starts with, so reservations can happen early. */
  stock: Record<string, number>;
}

type Slot = 'held' | 'incoming' | 'outgoing';

/** One licence unit. */
interface Token {
  account: AccountId;
  type: string;
  start: number;
  end: number;
  holder: { instance: string; slot: Slot } | null;
}

interface SlrRef {
  seq: number;
  installedSeq: number;
  confirmedSeq: number;
  rma: boolean;
  /** SLR-7: the return code is produced; the licences stay blocked until it is entered in CSSM. */
  returned: boolean;
  usage: Record<string, number> | null;
}

/** An SLR instance that may still change its reservation: operational and not returned. */
const live = (x: SlrRef) => !x.rma && !x.returned;

/** The reference: small, slow and obviously right. */
class Ref {
  now = 0;
  tokens: Token[] = [];
  registered = new Map<string, Record<string, number>>();
  slr = new Map<string, SlrRef>();
  codeSeq = new Map<string, number>();
  checkouts = new Map<string, number>();
  claims = new Map<string, number>();
  #tally: Map<string, number> | null = null;
  constructor(readonly cfg: Config) {
    for (const [a, types] of Object.entries(ACCOUNT_TYPES) as [AccountId, readonly string[]][]) {
      for (const type of types) {
        for (let k = 0; k < (cfg.stock[type] ?? 0); k++)
          this.tokens.push({ account: a, type, start: -Infinity, end: Infinity, holder: null });
      }
    }
  }

  /** Live tokens counted by account, type and holder, in one pass; recounted after any change. */
  tally(): Map<string, number> {
    if (this.#tally !== null) return this.#tally;
    const counts = new Map<string, number>();
    const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const t of this.tokens) {
      if (!(t.start <= this.now && this.now < t.end)) continue;
      add(`${t.account}|${t.type}|all`);
      add(`${t.account}|${t.type}|${t.holder === null ? 'free' : t.holder.slot}`);
      if (t.holder !== null) add(`${t.account}|${t.type}|${t.holder.slot}|${t.holder.instance}`);
    }
    this.#tally = counts;
    return counts;
  }
  changed() {
    this.#tally = null;
  }
  live(account: AccountId, type: string): Token[] {
    return this.tokens.filter((t) => t.account === account && t.type === type && t.start <= this.now && this.now < t.end);
  }
  owned(a: AccountId, type: string) {
    return this.tally().get(`${a}|${type}|all`) ?? 0;
  }
  inSlot(a: AccountId, type: string, slot: Slot, instance?: string) {
    return this.tally().get(`${a}|${type}|${slot}${instance === undefined ? '' : `|${instance}`}`) ?? 0;
  }
  pool(a: AccountId, type: string) {
    return this.tally().get(`${a}|${type}|free`) ?? 0;
  }
  demand(a: AccountId, type: string): number {
    if (a === 'lf') return [...this.checkouts.values()].reduce((x, y) => x + y, 0);
    if (a === 'cs') return [...this.claims.values()].reduce((x, y) => x + y, 0);
    return [...this.registered.values()].reduce((x, u) => x + (u[type] ?? 0), 0);
  }

  allocation(a: AccountId) {
    const types = ACCOUNT_TYPES[a];
    const pool = types.map((t) => this.pool(a, t));
    const demand = types.map((t) => this.demand(a, t));
    const spare = pool.map((p, i) => p - Math.min(p, demand[i] ?? 0));
    const short = demand.map((d, i) => d - Math.min(pool[i] ?? 0, d));
    if (a === 'va' && this.cfg.borrowing) {
      for (let i = types.length - 1; i >= 0; i--) {
        while ((short[i] ?? 0) > 0) {
          let j = i + 1;
          while (j < types.length && spare[j] === 0) j++;
          if (j === types.length) break;
          spare[j] = (spare[j] ?? 0) - 1;
          short[i] = (short[i] ?? 0) - 1;
        }
      }
    }
    return Object.fromEntries(types.map((t, i) => [t, { pool: pool[i] ?? 0, available: spare[i] ?? 0, overdraft: short[i] ?? 0 }]));
  }
  available(a: AccountId, type: string) {
    return this.allocation(a)[type]?.available ?? 0;
  }

  /** Hall's theorem for nested tiers: the least possible unserved total. */
  hallOverdraft(): number {
    if (!this.cfg.borrowing) return TIERS.reduce((s, t) => s + Math.max(0, this.demand('va', t) - this.pool('va', t)), 0);
    let worst = 0;
    for (let k = 0; k < TIERS.length; k++) {
      const above = TIERS.slice(k);
      worst = Math.max(
        worst,
        above.reduce((s, t) => s + this.demand('va', t) - this.pool('va', t), 0),
      );
    }
    return worst;
  }

  /** Moves `n` tokens; `longest` picks the latest end first, else the soonest. */
  move(type: string, n: number, instance: string, from: Slot | null, to: Slot | null, longest: boolean) {
    const pick = this.live('va', type)
      .filter((t) => (from === null ? t.holder === null : t.holder?.instance === instance && t.holder.slot === from))
      .sort((x, y) => (longest ? y.end - x.end : x.end - y.end) || 0);
    if (pick.length < n) throw new Error(`reference bug: ${n} ${type} wanted in ${from}, ${pick.length} there`);
    for (const t of pick.slice(0, n)) t.holder = to === null ? null : { instance, slot: to };
    this.changed();
  }
  releaseAll(instance: string) {
    for (const t of this.tokens) if (t.holder?.instance === instance) t.holder = null;
    this.slr.delete(instance);
    this.changed();
  }
  entitlement(instance: string, type: string) {
    const r = this.slr.get(instance);
    if (r === undefined) return 0;
    return (
      this.inSlot('va', type, 'held', instance) + this.inSlot('va', type, r.installedSeq === r.seq ? 'incoming' : 'outgoing', instance)
    );
  }
  shortfall(type: string) {
    let s = 0;
    for (const [i, r] of this.slr) if (r.usage !== null) s += Math.max(0, (r.usage[type] ?? 0) - this.entitlement(i, type));
    return s;
  }
  ceiling(owned: number): number {
    const r = this.cfg.regime;
    if (r.mode === 'none') return owned;
    if (r.mode === 'count') return owned + r.units;
    if (r.mode === 'percent') return owned + Math.floor((owned * r.percent) / 100);
    if (r.mode === 'multiple') return Math.floor(owned * r.factor);
    return Infinity;
  }
  nextCode(instance: string) {
    const n = (this.codeSeq.get(instance) ?? 0) + 1;
    this.codeSeq.set(instance, n);
    return n;
  }
}

/** A cheap assertion: `expect` is too slow for ~100 checks after each of ~30,000 commands. */
function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: ledger ${a}, reference ${e}`);
}

function atLeast(actual: number, bound: number, what: string): void {
  if (!(actual >= bound)) throw new Error(`${what}: ${actual} < ${bound}`);
}

interface Real {
  ledger: Ledger;
  /** The highest claim seen per server: claims never go down (CS-3). */
  claimsSeen: Map<string, number>;
}

function newReal(cfg: Config): Real {
  const ledger = new Ledger({ policy: { overdraft: cfg.regime, tierBorrowing: cfg.borrowing } });
  ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
  ledger.openAccount({ id: 'lf', kind: 'licenseFile' });
  ledger.openAccount({ id: 'cs', kind: 'sessionLicense' });
  for (const [a, types] of Object.entries(ACCOUNT_TYPES)) {
    for (const type of types) {
      const n = cfg.stock[type] ?? 0;
      if (n > 0) ledger.purchase(a, type, n);
    }
  }
  return { ledger, claimsSeen: new Map() };
}

function checkInvariants(m: Ref, r: Real): void {
  for (const s of SERVERS) {
    const claimed = r.ledger.claimed(s, 'cs');
    atLeast(claimed, r.claimsSeen.get(s) ?? 0, `CS-3: claimed sessions of ${s} went down`);
    r.claimsSeen.set(s, claimed);
    same(claimed, m.claims.get(s) ?? 0, `claims of ${s}`);
  }
  for (const a of Object.keys(ACCOUNT_TYPES) as AccountId[]) {
    const alloc = m.allocation(a);
    let overdraft = 0;
    for (const type of ACCOUNT_TYPES[a]) {
      const s = r.ledger.typeStatus(a, type);
      const where = `${a}/${type}`;
      same(
        s.available + s.inUse + s.reserved + s.inTransit,
        s.owned,
        `conservation available + inUse + reserved + inTransit = owned, ${where}`,
      );
      for (const k of ['owned', 'reserved', 'inTransit', 'consumption', 'inUse', 'available', 'overdraft', 'borrowed', 'lent'] as const) {
        atLeast(s[k], 0, `${k} ${where} is negative`);
      }
      const ref = alloc[type] ?? { pool: 0, available: 0, overdraft: 0 };
      same(
        [s.owned, s.reserved, s.inTransit, s.consumption, s.available, s.overdraft],
        [
          m.owned(a, type),
          m.inSlot(a, type, 'held'),
          m.inSlot(a, type, 'incoming') + m.inSlot(a, type, 'outgoing'),
          m.demand(a, type),
          ref.available,
          ref.overdraft,
        ],
        `[owned, reserved, inTransit, consumption, available, overdraft] of ${where}`,
      );
      // Reserved units serve nobody else: what is in use fits in the unreserved pool.
      atLeast(ref.pool, s.inUse, `in use beyond the unreserved pool ${where}`);
      same(s.reservationShortfall, a === 'va' ? m.shortfall(type) : 0, `SLR shortfall ${where}`);
      overdraft += s.overdraft;
    }
    same(r.ledger.status(a).overdraft, overdraft, `total overdraft ${a}`);
  }
  same(r.ledger.status('va').overdraft, m.hallOverdraft(), 'VA overdraft vs the Hall minimum');
  for (const i of VA_INSTANCES) {
    const view = r.ledger.reservation(i);
    const ref = m.slr.get(i);
    same(view === null, ref === undefined, `${i} has no reservation`);
    same(r.ledger.reservationAuthorizationCode(i), ref === undefined ? undefined : `SLR-${i}-${ref.seq}`, `authorization code of ${i}`);
    if (view === null || ref === undefined) continue;
    for (const type of TIERS) {
      same(
        [view.reserved[type] ?? 0, view.incoming[type] ?? 0, view.outgoing[type] ?? 0],
        [m.inSlot('va', type, 'held', i), m.inSlot('va', type, 'incoming', i), m.inSlot('va', type, 'outgoing', i)],
        `${type} held by ${i} [reserved, incoming, outgoing]`,
      );
    }
  }
  same(r.ledger.freeSessions('cs'), m.available('cs', 'sessions'), 'free sessions');
}

function show(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n !== 0)
    .map(([t, n]) => `${t.replace('UCL-', '')}:${n}`);
  return `{${parts.join(' ')}}`;
}

/** A command that predicts the ledger's answer from the reference, then checks every invariant. */
abstract class Cmd implements fc.Command<Ref, Real> {
  check(): boolean {
    return true;
  }
  run(m: Ref, r: Real): void {
    this.step(m, r);
    checkInvariants(m, r);
  }
  protected expectOk(result: { ok: boolean; reason?: string }, expected: boolean): void {
    const key = `${this.constructor.name} ${expected ? 'ok' : 'refused'}`;
    STATS?.set(key, (STATS.get(key) ?? 0) + 1);
    if (result.ok !== expected) {
      throw new Error(
        `${this.toString()}: the reference expected ${expected ? 'ok' : 'a refusal'}, ` +
          `the ledger ${result.ok ? 'accepted' : `refused: ${result.reason ?? ''}`}`,
      );
    }
  }
  abstract step(m: Ref, r: Real): void;
  abstract toString(): string;
}

/**
 * A command aimed at one instance. With `follow`, it retargets at run time to the first
 * instance it applies to (a reserved one for `confirm`, …), so sequences reach deep
 * states; without, it keeps its random instance and mostly checks a refusal.
 */
abstract class AimedCmd extends Cmd {
  constructor(
    public instance: string,
    readonly follow: boolean,
  ) {
    super();
  }
  protected aim(candidates: readonly string[]): string {
    const first = candidates[0];
    if (this.follow && first !== undefined && !candidates.includes(this.instance)) this.instance = first;
    return this.instance;
  }
}

class Purchase extends Cmd {
  constructor(
    readonly account: AccountId,
    readonly type: string,
    readonly units: number,
    readonly term: { delay: number; length: number } | null,
  ) {
    super();
  }
  step(m: Ref, r: Real) {
    const start = this.term === null ? -Infinity : m.now + this.term.delay;
    const end = this.term === null ? Infinity : start + this.term.length;
    const res = r.ledger.purchase(this.account, this.type, this.units, this.term === null ? undefined : { start, end });
    this.expectOk(res, true);
    for (let k = 0; k < this.units; k++) m.tokens.push({ account: this.account, type: this.type, start, end, holder: null });
    m.changed();
  }
  toString() {
    const term = this.term === null ? '' : `, term +${this.term.delay}..+${this.term.delay + this.term.length}`;
    return `purchase(${this.account}, ${this.type}, ${this.units}${term})`;
  }
}

class Advance extends Cmd {
  constructor(readonly ticks: number) {
    super();
  }
  step(m: Ref, r: Real) {
    m.now += this.ticks;
    r.ledger.lapse(m.now);
    m.tokens = m.tokens.filter((t) => t.end > m.now);
    m.changed();
  }
  toString() {
    return `lapse(+${this.ticks})`;
  }
}

class CheckOut extends Cmd {
  constructor(
    readonly instance: string,
    readonly units: number,
  ) {
    super();
  }
  step(m: Ref, r: Real) {
    const after = m.demand('lf', 'DLU') + this.units;
    const owned = m.owned('lf', 'DLU');
    const allowed = after <= m.ceiling(owned);
    const res = r.ledger.checkOut(this.instance, 'lf', 'DLU', this.units);
    this.expectOk(res, allowed);
    const alarms = res.alarms.map((a) => a.name);
    same(alarms, allowed ? (after > owned ? ['CiscoLicenseOverDraft'] : []) : ['CiscoLicenseRequestFailed'], 'NL-8 alarms');
    if (allowed) m.checkouts.set(this.instance, (m.checkouts.get(this.instance) ?? 0) + this.units);
  }
  toString() {
    return `checkOut(${this.instance}, ${this.units} DLU)`;
  }
}

class CheckIn extends AimedCmd {
  constructor(
    instance: string,
    follow: boolean,
    readonly units: number,
  ) {
    super(instance, follow);
  }
  step(m: Ref, r: Real) {
    this.aim([...m.checkouts].filter(([, n]) => n >= this.units).map(([i]) => i));
    const held = m.checkouts.get(this.instance) ?? 0;
    this.expectOk(r.ledger.checkIn(this.instance, 'lf', 'DLU', this.units), held >= this.units);
    if (held >= this.units) m.checkouts.set(this.instance, held - this.units);
  }
  toString() {
    return `checkIn(${this.instance}, ${this.units} DLU)`;
  }
}

class Activate extends AimedCmd {
  constructor(
    server: string,
    follow: boolean,
    public sessions: number,
  ) {
    super(server, follow);
  }
  step(m: Ref, r: Real) {
    this.aim([...m.claims.keys()]);
    const current = m.claims.get(this.instance) ?? 0;
    if (this.follow) this.sessions = Math.max(1, Math.min(this.sessions, current + m.available('cs', 'sessions')));
    const diff = Math.max(0, this.sessions - current);
    const allowed = diff <= m.available('cs', 'sessions');
    this.expectOk(r.ledger.activate(this.instance, 'cs', this.sessions), allowed);
    if (allowed) m.claims.set(this.instance, current + diff);
  }
  toString() {
    return `activate(${this.instance}, total ${this.sessions} sessions)`;
  }
}

class Claim extends Cmd {
  constructor(
    readonly server: string,
    readonly sessions: number,
  ) {
    super();
  }
  step(m: Ref, r: Real) {
    const allowed = this.sessions <= m.available('cs', 'sessions');
    this.expectOk(
      r.ledger.applyEffect({ kind: 'claim', instanceId: this.server, licenseId: 'cs', sessions: this.sessions }, m.now),
      allowed,
    );
    if (allowed) m.claims.set(this.server, (m.claims.get(this.server) ?? 0) + this.sessions);
  }
  toString() {
    return `claimEffect(${this.server}, +${this.sessions} sessions)`;
  }
}

class Deactivate extends AimedCmd {
  step(m: Ref, r: Real) {
    this.aim([...m.claims.keys()]);
    this.expectOk(r.ledger.deactivate(this.instance, 'cs'), m.claims.has(this.instance));
  }
  toString() {
    return `deactivate(${this.instance})`;
  }
}

class Register extends AimedCmd {
  step(m: Ref, r: Real) {
    this.aim(VA_INSTANCES.filter((i) => i.startsWith('u') && !m.slr.has(i) && !m.registered.has(i)));
    const allowed = !m.slr.has(this.instance);
    this.expectOk(r.ledger.register(this.instance, 'va'), allowed);
    if (allowed && !m.registered.has(this.instance)) m.registered.set(this.instance, {});
  }
  toString() {
    return `register(${this.instance})`;
  }
}

class Report extends AimedCmd {
  constructor(
    instance: string,
    follow: boolean,
    public usage: Record<string, number>,
  ) {
    super(instance, follow);
  }
  step(m: Ref, r: Real) {
    this.aim([...m.registered.keys(), ...[...m.slr].filter(([, x]) => live(x)).map(([i]) => i)]);
    const slr = m.slr.get(this.instance);
    const allowed = m.registered.has(this.instance) || (slr !== undefined && live(slr));
    this.expectOk(r.ledger.reportUsage(this.instance, this.usage), allowed);
    if (!allowed) return;
    if (slr !== undefined) slr.usage = { ...this.usage };
    else m.registered.set(this.instance, { ...this.usage });
  }
  toString() {
    return `report(${this.instance}, ${show(this.usage)})`;
  }
}

/** Usage of one tier beyond its own unreserved units, so the higher tiers must lend (SL-11). */
class Borrow extends Report {
  constructor(
    instance: string,
    follow: boolean,
    readonly tier: string,
    readonly extra: number,
  ) {
    super(instance, follow, {});
  }
  override step(m: Ref, r: Real) {
    this.usage = { [this.tier]: m.pool('va', this.tier) + this.extra };
    super.step(m, r);
  }
  override toString() {
    return `borrow(${this.instance}, ${this.tier} own+${this.extra} = ${show(this.usage)})`;
  }
}

class Deregister extends AimedCmd {
  step(m: Ref, r: Real) {
    this.aim([...m.registered.keys()]);
    this.expectOk(r.ledger.deregister(this.instance), m.registered.has(this.instance));
    m.registered.delete(this.instance);
  }
  toString() {
    return `deregister(${this.instance})`;
  }
}

/** In follow mode, counts shrink to what is available (but never all to zero), so reservations happen. */
function clampToAvailable(m: Ref, counts: Record<string, number>, extra: (t: string) => number): Record<string, number> {
  const out = Object.fromEntries(TIERS.map((t) => [t, Math.min(counts[t] ?? 0, extra(t) + m.available('va', t))]));
  return Object.values(out).some((n) => n > 0) ? out : counts;
}

class Reserve extends AimedCmd {
  constructor(
    instance: string,
    follow: boolean,
    public counts: Record<string, number>,
  ) {
    super(instance, follow);
  }
  step(m: Ref, r: Real) {
    const i = this.aim(VA_INSTANCES.filter((x) => x.startsWith('r') && !m.registered.has(x) && !m.slr.has(x)));
    if (this.follow) this.counts = clampToAvailable(m, this.counts, () => 0);
    const any = Object.values(this.counts).some((n) => n > 0);
    const fits = TIERS.every((t) => (this.counts[t] ?? 0) <= m.available('va', t));
    const allowed = !m.registered.has(i) && !m.slr.has(i) && any && fits;
    const res = r.ledger.reserve(i, 'va', this.counts);
    this.expectOk(res, allowed);
    if (!allowed) return;
    const seq = m.nextCode(i);
    same(res, { ok: true, code: `SLR-${i}-${seq}` }, 'SLR-3 authorization code');
    for (const t of TIERS) m.move(t, this.counts[t] ?? 0, i, null, 'held', true);
    m.slr.set(i, { seq, installedSeq: 0, confirmedSeq: seq, rma: false, returned: false, usage: null });
  }
  toString() {
    return `reserve(${this.instance}, ${show(this.counts)})`;
  }
}

class Update extends AimedCmd {
  constructor(
    instance: string,
    follow: boolean,
    public counts: Record<string, number>,
  ) {
    super(instance, follow);
  }
  step(m: Ref, r: Real) {
    const i = this.aim([...m.slr].filter(([, x]) => live(x)).map(([x]) => x));
    const s = m.slr.get(i);
    const basis = (t: string) => m.inSlot('va', t, 'held', i) + m.inSlot('va', t, 'outgoing', i);
    if (this.follow) this.counts = clampToAvailable(m, this.counts, (t) => basis(t) + m.inSlot('va', t, 'incoming', i));
    const fits = TIERS.every((t) => (this.counts[t] ?? 0) - basis(t) - m.inSlot('va', t, 'incoming', i) <= m.available('va', t));
    const allowed = s !== undefined && live(s) && fits;
    this.expectOk(r.ledger.updateReservation(i, this.counts), allowed);
    if (!allowed || s === undefined) return;
    for (const t of TIERS) {
      const n = this.counts[t] ?? 0;
      const b = basis(t);
      // Back to the last confirmed counts, then the new difference goes in transit.
      m.move(t, m.inSlot('va', t, 'outgoing', i), i, 'outgoing', 'held', true);
      const inc = m.inSlot('va', t, 'incoming', i);
      if (n >= b) {
        if (inc > n - b) m.move(t, inc - (n - b), i, 'incoming', null, false);
        else m.move(t, n - b - inc, i, null, 'incoming', true);
      } else {
        m.move(t, inc, i, 'incoming', null, false);
        m.move(t, b - n, i, 'held', 'outgoing', false);
      }
    }
    s.seq = m.nextCode(i);
  }
  toString() {
    return `updateReservation(${this.instance}, ${show(this.counts)})`;
  }
}

class Install extends AimedCmd {
  step(m: Ref, r: Real) {
    this.aim([...m.slr].filter(([, x]) => live(x) && x.installedSeq !== x.seq).map(([i]) => i));
    const s = m.slr.get(this.instance);
    const allowed = s !== undefined && live(s) && s.installedSeq !== s.seq;
    this.expectOk(r.ledger.applyEffect({ kind: 'reservationInstalled', instanceId: this.instance }, m.now), allowed);
    if (allowed && s !== undefined) s.installedSeq = s.seq;
  }
  toString() {
    return `install(${this.instance})`;
  }
}

class Confirm extends AimedCmd {
  step(m: Ref, r: Real) {
    const i = this.aim([...m.slr].filter(([, x]) => !x.returned && x.confirmedSeq !== x.seq && x.installedSeq === x.seq).map(([x]) => x));
    const s = m.slr.get(i);
    const allowed = s !== undefined && !s.returned && s.confirmedSeq !== s.seq && s.installedSeq === s.seq;
    this.expectOk(r.ledger.confirm(i), allowed);
    if (!allowed || s === undefined) return;
    for (const t of TIERS) {
      m.move(t, m.inSlot('va', t, 'incoming', i), i, 'incoming', 'held', true);
      m.move(t, m.inSlot('va', t, 'outgoing', i), i, 'outgoing', null, false);
    }
    s.confirmedSeq = s.seq;
  }
  toString() {
    return `confirm(${this.instance})`;
  }
}

class Return extends AimedCmd {
  step(m: Ref, r: Real) {
    const i = this.aim([...m.slr].filter(([, x]) => live(x)).map(([x]) => x));
    const s = m.slr.get(i);
    const allowed = s !== undefined && live(s);
    const res = r.ledger.returnReservation(i);
    this.expectOk(res, allowed);
    if (!allowed || s === undefined) return;
    same(res.ok && res.returnCode, `SLRR-${i}-${s.seq}`, 'SLR-7: the return code names the latest code');
    // It no longer uses the reservation; CSSM still blocks every licence of it.
    s.returned = true;
    s.usage = null;
    m.changed();
  }
  toString() {
    return `return(${this.instance})`;
  }
}

class EnterReturnCode extends AimedCmd {
  step(m: Ref, r: Real) {
    const i = this.aim([...m.slr].filter(([, x]) => x.returned).map(([x]) => x));
    const s = m.slr.get(i);
    const allowed = s?.returned === true;
    const slots: Slot[] = ['held', 'incoming', 'outgoing'];
    const released = Object.fromEntries(
      TIERS.map((t) => [t, slots.reduce((n, slot) => n + m.inSlot('va', t, slot, i), 0)]).filter(([, n]) => n !== 0),
    );
    const res = r.ledger.enterReturnCode(i);
    this.expectOk(res, allowed);
    if (!allowed) return;
    same(res.ok && res.released, released, 'SLR-7: the return code entered releases exactly what was reserved and in transit');
    m.releaseAll(i);
  }
  toString() {
    return `enterReturnCode(${this.instance})`;
  }
}

class Rma extends AimedCmd {
  step(m: Ref, r: Real) {
    this.aim([...m.slr].filter(([, x]) => !x.rma).map(([i]) => i));
    const s = m.slr.get(this.instance);
    this.expectOk(r.ledger.markNonOperational(this.instance), s !== undefined);
    if (s !== undefined) s.rma = true;
  }
  toString() {
    return `rma(${this.instance})`;
  }
}

class SupportRemove extends AimedCmd {
  step(m: Ref, r: Real) {
    this.aim([...m.slr].filter(([, x]) => x.rma).map(([i]) => i));
    // SLR-8: support removes only an instance that cannot return its reservation itself.
    const allowed = m.slr.get(this.instance)?.rma === true;
    this.expectOk(r.ledger.supportRemove(this.instance), allowed);
    if (allowed) m.releaseAll(this.instance);
  }
  toString() {
    return `supportRemove(${this.instance})`;
  }
}

const onlineInstance = fc.constantFrom('u0', 'u1', 'u0', 'u1', 'r0');
const slrInstance = fc.constantFrom('r0', 'r1', 'r0', 'r1', 'u0');
const follow = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const tier = fc.constantFrom(...TIERS);
const sparse = (max: number) => fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max }) });
const tierCounts = (max: number) =>
  fc.record(Object.fromEntries(TIERS.map((t) => [t, sparse(max)])) as Record<(typeof TIERS)[number], fc.Arbitrary<number>>);
const term = fc.option(fc.record({ delay: fc.nat({ max: 20 }), length: fc.integer({ min: 1, max: 60 }) }), { freq: 2 });

const purchase = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(tier, fc.integer({ min: 1, max: 10 }), term).map(([t, n, tm]) => new Purchase('va', t, n, tm)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 10 }), term).map(([n, tm]) => new Purchase('lf', 'DLU', n, tm)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 5, max: 30 }), term).map(([n, tm]) => new Purchase('cs', 'sessions', n, tm)) },
);
const fileInstance = fc.constantFrom(...FILE_INSTANCES);
const server = fc.constantFrom(...SERVERS);

const reserve = fc.tuple(slrInstance, follow, tierCounts(4)).map(([i, f, c]) => new Reserve(i, f, c));
const update = fc.tuple(slrInstance, follow, tierCounts(5)).map(([i, f, c]) => new Update(i, f, c));
const install = fc.tuple(slrInstance, follow).map(([i, f]) => new Install(i, f));
const confirm = fc.tuple(slrInstance, follow).map(([i, f]) => new Confirm(i, f));
const report = fc.tuple(onlineInstance, follow, tierCounts(8)).map(([i, f, u]) => new Report(i, f, u));
const checkOut = fc.tuple(fileInstance, fc.integer({ min: 1, max: 8 })).map(([i, n]) => new CheckOut(i, n));
const activateCmd = fc.tuple(server, follow, fc.integer({ min: 1, max: 15 })).map(([s, f, n]) => new Activate(s, f, n));

// Repeated entries weigh more: the SLR update → install → confirm path needs several steps in a row.
const commands: fc.Arbitrary<Cmd>[] = [
  ...[purchase, purchase, purchase],
  fc.integer({ min: 1, max: 30 }).map((d) => new Advance(d)),
  ...[checkOut, checkOut],
  fc.tuple(fileInstance, follow, fc.integer({ min: 1, max: 8 })).map(([i, f, n]) => new CheckIn(i, f, n)),
  ...[activateCmd, activateCmd],
  fc.tuple(server, fc.integer({ min: 1, max: 10 })).map(([s, n]) => new Claim(s, n)),
  fc.tuple(server, follow).map(([s, f]) => new Deactivate(s, f)),
  fc.tuple(onlineInstance, follow).map(([i, f]) => new Register(i, f)),
  ...[report, report],
  fc.tuple(onlineInstance, follow, tier, fc.integer({ min: 1, max: 6 })).map(([i, f, t, x]) => new Borrow(i, f, t, x)),
  fc.tuple(onlineInstance, follow).map(([i, f]) => new Deregister(i, f)),
  ...[reserve, reserve, reserve, update, update, update, install, install, install, confirm, confirm, confirm],
  fc.tuple(slrInstance, follow).map(([i, f]) => new Return(i, f)),
  fc.tuple(slrInstance, follow).map(([i, f]) => new EnterReturnCode(i, f)),
  fc.tuple(slrInstance, follow).map(([i, f]) => new Rma(i, f)),
  fc.tuple(slrInstance, follow).map(([i, f]) => new SupportRemove(i, f)),
];

const config: fc.Arbitrary<Config> = fc.record({
  regime: fc.oneof(
    fc.constant<OverdraftRegime>({ mode: 'none' }),
    fc.constant<OverdraftRegime>({ mode: 'always' }),
    fc.constant<OverdraftRegime>({ mode: 'time-grace' }),
    fc.nat({ max: 5 }).map((units): OverdraftRegime => ({ mode: 'count', units })),
    fc.nat({ max: 50 }).map((percent): OverdraftRegime => ({ mode: 'percent', percent })),
    fc.constantFrom(1, 1.25, 1.5, 2).map((factor): OverdraftRegime => ({ mode: 'multiple', factor })),
  ),
  borrowing: fc.boolean(),
  stock: fc.record({
    ...(Object.fromEntries(TIERS.map((t) => [t, fc.nat({ max: 8 })])) as Record<(typeof TIERS)[number], fc.Arbitrary<number>>),
    DLU: fc.nat({ max: 20 }),
    sessions: fc.nat({ max: 40 }),
  }),
});

describe('ledger model: random command sequences against a reference model', () => {
  it(
    'NL-7, CS-2..CS-4, SLR-3..SLR-8, SLR-10, SL-7, SL-8, SL-11: conservation, no negative pool, claims never fall, ' +
      'reserved units stay reserved, overdraft as the reference',
    () => {
      fc.assert(
        fc.property(config, fc.commands(commands, { maxCommands: 80, size: 'medium' }), (cfg, cmds) => {
          fc.modelRun(() => ({ model: new Ref(cfg), real: newReal(cfg) }), cmds);
        }),
        { numRuns: RUNS },
      );
      if (STATS !== null)
        process.stdout.write(
          [...STATS]
            .sort()
            .map(([k, n]) => `${k}: ${n}`)
            .join('\n')
            .concat('\n'),
        );
    },
  );

  it('SL-11: the borrowing allocation leaves exactly the Hall minimum unserved', () => {
    const vec = fc.array(fc.nat({ max: 20 }), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(vec, vec, (pool, demand) => {
        const order = [0, 1, 2, 3, 4];
        const a = allocate(pool, demand, 5, order);
        let hall = 0;
        for (let k = 0; k < 5; k++) {
          let s = 0;
          for (let i = k; i < 5; i++) s += (demand[i] ?? 0) - (pool[i] ?? 0);
          hall = Math.max(hall, s);
        }
        expect(a.overdraftTotal).toBe(hall);
        for (let t = 0; t < 5; t++)
          expect(a.inUse[t]).toBe((demand[t] ?? 0) - (a.overdraft[t] ?? 0) - (a.borrowed[t] ?? 0) + (a.lent[t] ?? 0));
      }),
      { numRuns: RUNS },
    );
  });
});
