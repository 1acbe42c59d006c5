import type { EventObject } from 'xstate';
import type { RuleId } from './rules.ts';

/**
 * Where a message goes. The engine's router resolves an address to the machines
 * it reaches over links that are up (DOMAIN.md §6): a message that cannot be
 * delivered is not delivered, and the sender's machine decides what follows.
 */
export type Address =
  /** An instance's licensing endpoint: CSSM of `account` over its direct or proxy link, or its satellite. */
  | { kind: 'endpoint'; account: string }
  /** CSSM of a virtual account (a satellite at a sync). */
  | { kind: 'cssm'; account: string }
  /** The sender of the event being handled, over the link it came by. */
  | { kind: 'reply' }
  /** The machine itself: something to do after this step, once its effects have been applied. */
  | { kind: 'self' }
  /** A satellite by id (CSSM answering a sync). */
  | { kind: 'satellite'; satellite: string }
  /** CSSM to the instances registered to its VA that reach it without a satellite. */
  | { kind: 'members'; account: string }
  /** A satellite to the instances whose link goes through it (of one VA, when `account` is given). */
  | { kind: 'attached'; satellite: string; account?: string }
  /** A node-locked server to the licence manager of its licence file (NL-7, NL-11). */
  | { kind: 'licenseManager'; account: string }
  /** A licence manager to the servers whose units it issues. */
  | { kind: 'servers'; account: string };

/**
 * A message a machine sends. A `request` is part of the sender's transition: the
 * receiver handles it in the same step, and if the receiver refuses it (or the
 * ledger refuses an effect it implies) the sender's transition is refused too.
 * Any other message is delivered after the step, at the same virtual time.
 */
export interface MessageEvent {
  type: 'message';
  to: Address;
  event: EventObject;
  request: boolean;
  rule: RuleId;
}

/** A message for after the step. */
export function message<E extends EventObject>(to: Address, event: E, rule: RuleId): MessageEvent {
  return { type: 'message', to, event, request: false, rule };
}

/** A request, handled within the step that sends it. */
export function request<E extends EventObject>(to: Address, event: E, rule: RuleId): MessageEvent {
  return { type: 'message', to, event, request: true, rule };
}
