import type { EventObject } from 'xstate';
import { DELAY_PARAMETERS } from '../../machines/delayParameters.ts';
import type { EffectEvent } from '../../machines/effects.ts';
import type { EmittedEvent } from '../../machines/emitted.ts';
import { TICKS_PER_DAY } from '../../machines/time.ts';
import type { StoryStep, Trigger } from '../result.ts';
import type { EngineObserver, Simulation } from './simulation.ts';
import { occurrences } from './timeline.ts';

const TIMER_PREFIX = 'xstate.after.';

/** A day as a story gives it: to a thousandth (a minute is 0.0007 days). */
const storyDay = (tick: number) => Math.round((tick / TICKS_PER_DAY) * 1000) / 1000;

/** Counts as a person reads them: `1,050`. */
const count = (n: number) => n.toLocaleString('en-US');

/** A policy value as a timer's explanation shows it: days with their unit. */
function shown(name: string, value: unknown): string {
  if (typeof value === 'number') return name.endsWith('Days') ? `${count(value)} d` : count(value);
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The last step of a back-end party at a tick: what an instance's message came from. */
interface PartyStep {
  tick: number;
  event: string;
  from: string;
  to: string;
  rules: readonly string[];
}

/**
 * Records the whole story of a few instances as a run goes: every change of status with
 * what set it off (a timer and the policy values behind it, a timeline entry, a message
 * and the step of the party that sent it with the ledger numbers it decided on), and the
 * alarms, refusals and ledger effects about them. An observer only: it changes nothing, so
 * a run with it is the same run. `licsim run` re-runs a failing scenario with one on the
 * instances its failed verdicts name, and `licsim explain` on the instance asked for.
 *
 * @example
 * const story = new StoryRecorder([0]);
 * runScenario(scenario, { observers: [story] });
 * story.of(0); // [{ day: 0, kind: 'transition', from: 'evaluation', to: 'authorized', why: 'timeline register (day 0)', … }, …]
 */
export class StoryRecorder implements EngineObserver {
  private sim: Simulation | null = null;
  private readonly stories = new Map<number, StoryStep[]>();
  private readonly asked: ReadonlyArray<number | string>;
  private readonly partySteps = new Map<number, PartyStep>();
  /** Per instance, the tick it entered its current status. */
  private readonly since = new Map<number, number>();

  constructor(
    /** The instances whose stories to record: fleet indices, or ids (an id the fleet does not have is left out). */
    instances: Iterable<number | string>,
    /** Where the scenario's timeline entries are written, when known (what a timeline trigger names). */
    private readonly source: { file: string; timelineLines: readonly number[] } | null = null,
  ) {
    this.asked = [...instances];
  }

  /** The steps recorded for an instance (a fleet index or an id), in order. */
  of(instance: number | string): StoryStep[] {
    const sim = this.sim;
    const address = typeof instance === 'number' ? instance : sim ? sim.globalOf(instance) : -1;
    return this.stories.get(address) ?? [];
  }

  start(sim: Simulation): void {
    this.sim = sim;
    for (const a of this.asked) {
      const address = typeof a === 'number' ? a : sim.globalOf(a);
      if (address >= 0 && address < sim.fleet.size) this.stories.set(address, []);
    }
  }

  step(address: number, tick: number, report: { from: number; to: number; event: EventObject; rules: readonly string[] }): void {
    const sim = this.sim as Simulation;
    if (!sim.isInstance(address)) {
      const statuses = sim.driverAt(address).statuses;
      this.partySteps.set(address, {
        tick,
        event: report.event.type,
        from: statuses[report.from] as string,
        to: statuses[report.to] as string,
        rules: report.rules,
      });
      return;
    }
    const story = this.stories.get(address);
    if (!story || report.from === report.to) return;
    const statuses = sim.driverAt(address).statuses;
    const from = statuses[report.from] as string;
    const trigger = this.trigger(address, tick, report.event, from);
    story.push({
      day: storyDay(tick),
      kind: 'transition',
      from,
      to: statuses[report.to] as string,
      event: report.event.type,
      trigger,
      why: whyOf(trigger),
      rules: [...report.rules],
      ...this.reported(address),
    });
    this.since.set(address, tick);
  }

  emitted(address: number, tick: number, event: EmittedEvent): void {
    if (event.type !== 'alarm') return;
    const story = this.stories.get(address);
    if (!story) return;
    const kind = event.cleared ? 'cleared' : 'alarm';
    story.push({
      day: storyDay(tick),
      kind,
      event: event.name,
      why: `${event.name} ${kind === 'alarm' ? 'raised' : 'cleared'}`,
      rules: [event.rule],
    });
  }

  refused(address: number, tick: number, op: string, rule: string | null, reason: string): void {
    const story = this.stories.get(address);
    if (!story) return;
    story.push({ day: storyDay(tick), kind: 'refusal', event: op, why: `${op} refused: ${reason}`, rules: rule ? [rule] : [] });
  }

  committed(address: number, tick: number, event: EffectEvent): void {
    const sim = this.sim as Simulation;
    const about = 'instanceId' in event.effect ? sim.globalOf(event.effect.instanceId) : address;
    const story = this.stories.get(about);
    if (!story) return;
    story.push({
      day: storyDay(tick),
      kind: 'effect',
      event: event.effect.kind,
      why: `ledger: ${event.effect.kind}`,
      rules: [event.rule],
      ...this.reported(about),
    });
  }

  /** What the ledger holds as the instance's last report (types in use only), when it holds one. */
  private reported(address: number): { reported?: Record<string, number> } {
    const sim = this.sim as Simulation;
    const usage = sim.ledger.usage(sim.id(address));
    if (!usage) return {};
    const inUse = Object.entries(usage).filter(([, n]) => n !== 0);
    return inUse.length ? { reported: Object.fromEntries(inUse) } : {};
  }

  /** What set off a step of an instance: its own timer, a message (and the party step that sent it), the timeline, the engine. */
  private trigger(address: number, tick: number, event: EventObject, from: string): Trigger {
    const sim = this.sim as Simulation;
    if (event.type.startsWith(TIMER_PREFIX)) {
      const rest = event.type.slice(TIMER_PREFIX.length);
      const dot = rest.indexOf('.');
      const delay = dot < 0 ? rest : rest.slice(0, dot);
      const machine = sim.driverAt(address).machine.id;
      const model = sim.kindAt(address) as keyof Simulation['scenario']['policy'];
      const policy = sim.scenario.policy[model] as unknown as Record<string, unknown> | undefined;
      const parameters = (DELAY_PARAMETERS[machine]?.[delay] ?? []).map((name) => ({ name, value: shown(name, policy?.[name]) }));
      return { kind: 'timer', delay, parameters, state: from, since: storyDay(this.since.get(address) ?? 0) };
    }
    const sender = sim.exchange.senderOf(address);
    if (sender !== undefined && sender >= 0) {
      const party = this.partySteps.get(sender);
      const cause =
        party && party.tick === tick && !sim.isInstance(sender)
          ? {
              party: sim.id(sender),
              event: party.event,
              from: party.from,
              to: party.to,
              rules: [...party.rules],
              ...accountNumbers(sim, sender),
            }
          : undefined;
      return { kind: 'message', from: sim.id(sender), event: event.type, ...(cause ? { cause } : {}) };
    }
    if (sim.action) {
      const day = tick / TICKS_PER_DAY;
      const entry = sim.scenario.timeline.findIndex(
        (e) => e.action.kind === sim.action && occurrences(e, sim.scenario.days).some((d) => Math.abs(d - day) < 1e-9),
      );
      const line = this.source?.timelineLines[entry];
      const at = this.source && line ? { file: this.source.file, line } : {};
      return { kind: 'timeline', action: sim.action, event: event.type, entry, ...at };
    }
    return { kind: 'engine', event: event.type };
  }
}

/** The numbers a CSSM decided on: each type of its account in use, with what it owns and borrows. */
function accountNumbers(sim: Simulation, address: number): { ledger?: string } {
  const party = sim.party(address);
  if (party.kind !== 'cssm') return {};
  const types = sim.ledger.status(party.account).types.filter((t) => t.consumption || t.owned);
  const text = types.map((t) => {
    const extra = [t.borrowed ? `${count(t.borrowed)} borrowed` : '', t.overdraft ? `${count(t.overdraft)} over` : ''].filter(Boolean);
    return `${t.type} ${count(t.consumption)} in use of ${count(t.owned)} owned${extra.length ? ` (${extra.join(', ')})` : ''}`;
  });
  return text.length ? { ledger: text.join('; ') } : {};
}

/**
 * A trigger as one line for a person.
 *
 * @example
 * const overage = [{ name: 'overageDays', value: '30 d' }];
 * whyOf({ kind: 'timer', delay: 'overage', parameters: overage, state: 'outOfComplianceOverage', since: 1 });
 * // 'timer overage (overageDays = 30 d), in outOfComplianceOverage since day 1'
 */
export function whyOf(t: Trigger): string {
  switch (t.kind) {
    case 'timer': {
      const values = t.parameters.map((p) => `${p.name} = ${p.value}`).join(', ');
      return `timer ${t.delay}${values ? ` (${values})` : ''}, in ${t.state} since day ${t.since}`;
    }
    case 'message': {
      if (!t.cause) return `${t.event} from ${t.from}`;
      const c = t.cause;
      const moved = c.from === c.to ? `staying ${c.to}` : `going ${c.from} → ${c.to}`;
      return `${t.event} from ${t.from}, on its ${c.event} ${moved}${c.ledger ? `: ${c.ledger}` : ''}`;
    }
    case 'timeline':
      return `timeline ${t.action}${t.file ? ` (${t.file}:${t.line})` : ''}`;
    case 'engine':
      return `${t.event} (the engine)`;
  }
}
