import type { EventObject } from 'xstate';
import type { Ledger } from '../../ledger/ledger.ts';
import { loadFields, type SavedFields, type Snapshotting, saveFields } from '../../ledger/snapshot.ts';
import type { EffectEvent } from '../../machines/effects.ts';
import type { AlarmEvent, EmittedEvent } from '../../machines/emitted.ts';
import type { MessageEvent } from '../../machines/messages.ts';
import type { ModelDriver, StepOutcome } from '../backend/types.ts';
import type { EngineOp } from '../timeline/refusalOps.ts';
import { Router } from './router.ts';

/** Why a step was refused before it committed: by the ledger, or by a party it asked. */
export interface Refusal {
  rule: string | null;
  reason: string;
  /** The vendor alarms that come with the refusal (CiscoLicenseRequestFailed, …). */
  alarms: readonly AlarmEvent[];
}

/** What a delivery did. */
export interface Delivery {
  outcome: StepOutcome;
  /** Set when the step was refused before it committed, or the machine itself refused the event. */
  refusal: Refusal | null;
}

/** What the exchange needs of the world it runs in. */
export interface ExchangeHost {
  now(): number;
  readonly ledger: Ledger;
  readonly router: Router;
  driverAt(address: number): ModelDriver;
  localAt(address: number): number;
  id(address: number): string;
  alarm(address: number, event: AlarmEvent): void;
  refused(address: number, op: string, rule: string | null, reason: string): void;
  committed(emitter: number, event: EffectEvent, alarms: readonly AlarmEvent[], subject: number): void;
  /** A message reached nobody (its address names nobody reachable). */
  undelivered(from: number, message: MessageEvent): void;
  /** Everything a delivery, a timer's step or a start set off has been delivered. */
  settled(): void;
}

/** A delivery under way: who handles which event, for whom, and what came of it. */
interface Frame {
  target: number;
  /** Who sent the event (-1: the world: the timeline, the engine). */
  sender: number;
  /** The instance a refusal is about (the target itself, or the instance a party acts for). */
  subject: number;
  /** The operation a refusal is reported under (the event type unless given). */
  op: string | null;
  refusal: Refusal | null;
}

/** Options of {@link Exchange.deliver}. */
export interface DeliverOptions {
  sender?: number;
  /** The instance a refusal is recorded against (default: the target). */
  subject?: number;
  /** The operation refusals are reported under (default: the event type). */
  op?: string;
}

/** Thrown when a machine's checked effect is refused at commit, or a timer's effect is refused: a bug, not bad input. */
export class WorldError extends Error {
  override name = 'WorldError';
}

/** The operation a timer's refused step is reported under. */
const TIMER_OP: EngineOp = 'timer';

/** Requests nest at most this deep (a server asks its licence manager; nothing asks further today). */
const REQUEST_DEPTH = 4;
/** Messages one delivery may set off (its own, and those their deliveries send) before the exchange calls it a loop. */
const MESSAGE_LIMIT = 50_000_000;

/**
 * Delivers events to machines and carries what they emit (DOMAIN.md §6). A step
 * that emits ledger effects or requests is first checked: each effect against the
 * ledger, each request by previewing the step of the party asked; if anything would
 * refuse, the step never happens and the refusal is recorded with its rule and
 * reason. Otherwise the step commits, its effects are applied, its requests are
 * delivered within it, and its messages are delivered after it, at the same
 * virtual time, in the order they were sent.
 */
export class Exchange implements Snapshotting<SavedFields> {
  /** The deliveries under way, innermost last: `frames[0..depth)`, reused by depth (a delivery allocates none). */
  private readonly frames: Frame[] = [];
  private depth = 0;
  /**
   * Messages for after the step under way, in order: the message, who sent it, who
   * it may reply to; `[head, tail)` are waiting. The arrays keep their size between
   * bursts (a delivered slot lets go of its message).
   */
  private readonly outbox: Array<MessageEvent | undefined> = [];
  private readonly from: number[] = [];
  private readonly replyTo: number[] = [];
  private head = 0;
  private tail = 0;
  private draining = false;
  /** Messages sent so far in the run (a broadcast counts once), delivered or not. */
  messages = 0;

  constructor(
    private readonly host: ExchangeHost,
    /** Messages one delivery may set off (tests lower it). */
    private readonly messageLimit = MESSAGE_LIMIT,
  ) {}

  /** Whether nothing is under way: no delivery, no message waiting (the only moments the world may be saved). */
  get idle(): boolean {
    return this.depth === 0 && this.head === this.tail && !this.draining;
  }

  /** Between deliveries the exchange holds only its count of messages. */
  save(): SavedFields {
    if (!this.idle) throw new WorldError('the world can be saved only between deliveries');
    return saveFields(this, ['messages']);
  }
  load(state: SavedFields): void {
    if (!this.idle) throw new WorldError('the world can be loaded only between deliveries');
    loadFields(this, state);
  }

  /** Delivers `event` to the machine at `target`, then everything its step sent. */
  deliver(target: number, event: EventObject, options: DeliverOptions = {}): Delivery {
    const frame = this.frame(target, options.sender ?? -1, options.subject ?? target, options.op ?? null);
    const outcome = this.step(frame, event);
    const refusal = frame.refusal;
    if (outcome === 'refused' && refusal) this.recordRefusal(frame, event, refusal);
    this.settle();
    return { outcome, refusal };
  }

  /** A frame for the next depth, reused. */
  private frame(target: number, sender: number, subject: number, op: string | null): Frame {
    let frame = this.frames[this.depth];
    if (!frame) {
      frame = { target, sender, subject, op, refusal: null };
      this.frames[this.depth] = frame;
    }
    frame.target = target;
    frame.sender = sender;
    frame.subject = subject;
    frame.op = op;
    frame.refusal = null;
    return frame;
  }

  /** Steps the frame's target (the frame is the one `frame()` gave for this depth). */
  private step(frame: Frame, event: EventObject): StepOutcome {
    this.depth++;
    try {
      return this.host.driverAt(frame.target).send(this.host.localAt(frame.target), event);
    } finally {
      this.depth--;
    }
  }

  private recordRefusal(frame: Frame, event: EventObject, refusal: Refusal): void {
    for (const alarm of refusal.alarms) this.host.alarm(frame.subject, alarm);
    this.host.refused(frame.subject, frame.op ?? event.type, refusal.rule, refusal.reason);
  }

  /** Delivers queued messages when no step is under way (after a timer's step, an engine task, a start). */
  settle(): void {
    if (this.depth || this.draining) return;
    if (this.tail) this.drain();
    this.host.settled();
  }

  /** Delivers the outbox, and what its deliveries send in turn, in order. */
  private drain(): void {
    this.draining = true;
    let sent = 0;
    try {
      const router = this.host.router;
      while (this.head < this.tail) {
        const k = this.head++;
        const message = this.outbox[k] as MessageEvent;
        this.outbox[k] = undefined;
        const from = this.from[k] as number;
        this.messages++;
        if (++sent > this.messageLimit) {
          const last = `the last: ${this.host.id(from)}'s ${message.event.type}`;
          const loop = 'machines are sending each other messages in a loop';
          throw new WorldError(`one delivery set off more than ${this.messageLimit} messages (${last}): ${loop}`);
        }
        if (!Router.many(message.to)) {
          const t = router.resolveOne(message.to, from, this.replyTo[k] as number);
          if (t < 0) this.host.undelivered(from, message);
          else this.post(t, from, message.event);
          continue;
        }
        const targets = router.resolveMany(message.to);
        if (!targets.length) this.host.undelivered(from, message);
        for (const t of targets) this.post(t, from, message.event);
      }
    } finally {
      // A throw leaves undelivered messages behind: let go of them too.
      for (let k = this.head; k < this.tail; k++) this.outbox[k] = undefined;
      this.head = 0;
      this.tail = 0;
      this.draining = false;
    }
  }

  /** A message delivered: its own delivery, refusals recorded for its target. */
  private post(target: number, from: number, event: EventObject): void {
    const frame = this.frame(target, from, target, null);
    const outcome = this.step(frame, event);
    if (outcome === 'refused' && frame.refusal) this.recordRefusal(frame, event, frame.refusal);
  }

  /**
   * Who sent the event the machine at `address` is taking now: an address, -1 for the world
   * (the timeline, the engine), undefined when no delivery is under way there (a timer's step).
   */
  senderOf(address: number): number | undefined {
    return this.frameOf(address)?.sender;
  }

  /** The delivery under way at `address`, if any (a timer's step has none). */
  private frameOf(address: number): Frame | undefined {
    const top = this.depth ? this.frames[this.depth - 1] : undefined;
    return top?.target === address ? top : undefined;
  }

  /**
   * A driver's admission check for a step of `address` that emits effects or requests:
   * false (with the refusal kept for the delivery to record) when any would be refused.
   */
  admit(address: number, emitted: readonly EmittedEvent[], timer: boolean): boolean {
    const refusal = this.check(address, emitted, 0);
    if (!refusal) return true;
    const frame = this.frameOf(address);
    if (frame && !timer) {
      frame.refusal = refusal;
      return false;
    }
    // A timer's step: nobody delivered it, so its refusal is recorded here, against the machine itself.
    for (const alarm of refusal.alarms) this.host.alarm(address, alarm);
    this.host.refused(address, TIMER_OP, refusal.rule, refusal.reason);
    return false;
  }

  private check(address: number, emitted: readonly EmittedEvent[], depth: number): Refusal | null {
    for (const e of emitted) {
      if (e.type === 'effect') {
        const r = this.host.ledger.checkEffect(e.effect, this.host.now());
        if (r) return { rule: r.rule, reason: r.reason, alarms: r.alarms };
      } else if (e.type === 'message' && e.request) {
        const r = this.checkRequest(address, e, depth);
        if (r) return r;
      }
    }
    return null;
  }

  /** A request, checked by previewing the step of the party it asks. */
  private checkRequest(address: number, request: MessageEvent, depth: number): Refusal | null {
    if (depth >= REQUEST_DEPTH) throw new WorldError(`${this.host.id(address)}: requests nested more than ${REQUEST_DEPTH} deep`);
    const target = Router.many(request.to) ? -1 : this.host.router.resolveOne(request.to, address, -1);
    if (target < 0) {
      return { rule: request.rule, reason: `${request.event.type}: no single ${request.to.kind} to ask`, alarms: [] };
    }
    const preview = this.host.driverAt(target).preview(this.host.localAt(target), request.event);
    if (preview === null) return { rule: request.rule, reason: `${this.host.id(target)} does not take ${request.event.type}`, alarms: [] };
    const refused = preview.find((e) => e.type === 'refused');
    if (refused) {
      return { rule: refused.rule, reason: refused.reason, alarms: preview.filter((e): e is AlarmEvent => e.type === 'alarm') };
    }
    return this.check(target, preview, depth + 1);
  }

  /** An event a machine emitted as its step committed. */
  emitted(address: number, event: EmittedEvent): void {
    const frame = this.frameOf(address);
    switch (event.type) {
      case 'alarm':
        this.host.alarm(address, event);
        return;
      case 'refused': {
        // A machine refusing the event it was given: reported for whom the delivery was, under its operation.
        if (frame) frame.refusal = { rule: event.rule, reason: event.reason, alarms: [] };
        this.host.refused(frame ? frame.subject : address, frame?.op ?? event.op, event.rule, event.reason);
        return;
      }
      case 'effect': {
        const r = this.host.ledger.applyEffect(event.effect, this.host.now());
        if (!r.ok) throw new WorldError(`${this.host.id(address)}: ${event.effect.kind} was refused as it committed: ${r.reason}`);
        this.host.router.committed(event.effect);
        this.host.committed(address, event, r.alarms, this.subjectNow(address));
        return;
      }
      case 'message': {
        if (event.request) {
          this.request(address, event, frame);
          return;
        }
        const k = this.tail++;
        this.outbox[k] = event;
        this.from[k] = address;
        this.replyTo[k] = frame ? frame.sender : -1;
        return;
      }
    }
  }

  /** The instance the delivery under way is for. */
  private subjectNow(address: number): number {
    return this.depth ? (this.frames[this.depth - 1] as Frame).subject : address;
  }

  /** A request of a committing step: the party asked takes it now, as part of the step (it was checked). */
  private request(address: number, request: MessageEvent, frame: Frame | undefined): void {
    const target = Router.many(request.to) ? -1 : this.host.router.resolveOne(request.to, address, -1);
    if (target < 0) throw new WorldError(`${this.host.id(address)}: ${request.event.type} reached nobody as its step committed`);
    const nested = this.frame(target, address, frame ? frame.subject : address, frame?.op ?? null);
    const outcome = this.step(nested, request.event);
    if (outcome !== 'stepped' || nested.refusal) {
      throw new WorldError(
        `${this.host.id(target)} refused ${request.event.type} as the step asking it committed: ${nested.refusal?.reason ?? outcome}`,
      );
    }
  }
}
