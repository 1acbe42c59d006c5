import type { CompiledBackend } from '../engine/backend/compiledBackend.ts';
import type { Simulation } from '../engine/run/simulation.ts';
import { instantsOf } from '../machines/instants.ts';
import { NEVER } from '../machines/time.ts';

/**
 * Keys of the ledger's records that hold ticks (read relative to now), and keys that
 * are caches or bookkeeping of a run rather than state (left out of a fingerprint).
 */
const LEDGER_TICKS = new Set(['now', 'start', 'end', 'expiresAt', 'nextEvent']);
const NOT_STATE = new Set(['cache', 'lastId', 'last', 'slots']);
const NO_TICKS: ReadonlySet<string> = new Set();

/**
 * A world state's fingerprint: one string that is equal for two states a time shift
 * apart and differs for any two states a machine, the ledger or a monitor could tell
 * apart. Every instant is written as its age (now − instant): a timer as the ticks
 * left, a context's declared instants (machines/instants.ts) and the ledger's ticks
 * as how long ago they were; an age above `cap` (longer than any duration a guard
 * compares with) is written `old`. NEVER stays NEVER.
 */
export class Fingerprinter {
  /** Objects the machines started with (their policies): written by identity, not content. */
  private readonly known = new Map<object, number>();
  private now = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly backend: CompiledBackend,
    /** Ages above this many ticks are all alike. */
    readonly cap: number,
  ) {
    for (const stepper of backend.steppers())
      for (let i = 0; i < stepper.capacity; i++) {
        const context = stepper.context(i) as Record<string, unknown> | undefined;
        if (!context) continue;
        for (const v of Object.values(context))
          if (v !== null && typeof v === 'object' && !this.known.has(v)) this.known.set(v, this.known.size);
      }
  }

  /** The fingerprint of the world now, with `extra` (the monitors' and the environment's keys) appended. */
  of(extra: readonly string[]): string {
    const now = this.sim.backend.now();
    this.now = now;
    const parts: string[] = [];
    for (const stepper of this.backend.steppers()) {
      const instants = new Set(instantsOf(stepper.table.machine));
      for (let i = 0; i < stepper.capacity; i++) {
        const context = stepper.context(i);
        if (!context) continue;
        parts.push(`${stepper.configuration(i).id}${this.value(context, instants)}`);
      }
    }
    for (const p of this.backend.pending()) parts.push('task' in p ? `T${p.tick - now}` : `t${p.owner}.${p.slot}@${p.tick - now}`);
    const ledger = this.sim.ledger.view();
    // The ledger's records as they are, written by content (an object it shares with a context at the start is not a constant).
    parts.push(this.value(ledger, LEDGER_TICKS, new Set(), false));
    for (const p of this.sim.populations) parts.push(this.value(p.save(), NO_TICKS));
    parts.push(this.value(this.sim.links.save(), NO_TICKS), this.value(this.sim.router.save(), NO_TICKS));
    const consistency = this.sim.consistency.save() as { dirty: Uint8Array; pending: number[] };
    parts.push(this.value({ dirty: consistency.dirty, pending: consistency.pending }, NO_TICKS));
    parts.push(...extra);
    return parts.join('|');
  }

  /**
   * One machine as a change of it matters to the environment: its configuration, what
   * its context holds other than instants, and when its armed timers fire. A step that
   * only records when it happened (a daily check that finds nothing new) changes none
   * of it; one that moves a deadline (a renewal) does.
   */
  machine(address: number): string {
    const driver = this.sim.driverAt(address);
    const local = this.sim.localAt(address);
    const instants = new Set(instantsOf(driver.machine));
    const context = driver.context(local) as Record<string, unknown>;
    const rest: Record<string, unknown> = {};
    for (const k of Object.keys(context)) if (!instants.has(k)) rest[k] = context[k];
    const timers: string[] = [];
    for (const p of this.backend.pending()) if (!('task' in p) && p.owner === address) timers.push(`${p.slot}@${p.tick}`);
    return `${driver.statusIndex(local)}${JSON.stringify(driver.value(local))}${this.value(rest, NO_TICKS)}${timers.join(',')}`;
  }

  /** An instant as its age. */
  private age(tick: number): string {
    if (tick === NEVER || !Number.isFinite(tick)) return String(tick);
    const age = this.now - tick;
    return age > this.cap ? 'old' : String(age);
  }

  private value(v: unknown, ticks: ReadonlySet<string>, seen: Set<object> = new Set(), byIdentity = true): string {
    if (v === null || v === undefined) return String(v);
    switch (typeof v) {
      case 'number':
      case 'boolean':
        return String(v);
      case 'string':
        return JSON.stringify(v);
      case 'function':
        return 'f';
      case 'object':
        break;
      default:
        return String(v);
    }
    const obj = v as object;
    const id = byIdentity ? this.known.get(obj) : undefined;
    if (id !== undefined) return `#${id}`;
    if (seen.has(obj)) return '^';
    seen.add(obj);
    try {
      if (ArrayBuffer.isView(obj)) return `[${(obj as Int32Array).join(',')}]`;
      if (Array.isArray(obj)) return `[${Array.from(obj, (x) => this.value(x, ticks, seen, byIdentity)).join(',')}]`;
      if (obj instanceof Map)
        return `{${[...obj]
          .map(([k, x]) => `${this.value(k, ticks, seen, byIdentity)}:${this.value(x, ticks, seen, byIdentity)}`)
          .join(',')}}`;
      if (obj instanceof Set) return `<${[...obj].map((x) => this.value(x, ticks, seen, byIdentity)).join(',')}>`;
      const rec = obj as Record<string, unknown>;
      const out: string[] = [];
      for (const k of Object.keys(rec)) {
        if (NOT_STATE.has(k)) continue;
        const x = rec[k];
        out.push(`${k}:${ticks.has(k) && typeof x === 'number' ? this.age(x) : this.value(x, ticks, seen, byIdentity)}`);
      }
      return `{${out.join(',')}}`;
    } finally {
      seen.delete(obj);
    }
  }
}
