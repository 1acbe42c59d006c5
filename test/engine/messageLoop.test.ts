import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import type { ModelDriver, StepOutcome } from '../../engine/backend/types.ts';
import { Exchange, type ExchangeHost, WorldError } from '../../engine/world/exchange.ts';
import type { Router } from '../../engine/world/router.ts';
import { Router as RouterClass } from '../../engine/world/router.ts';
import type { MessageEvent } from '../../machines/messages.ts';

/**
 * One machine at address 0 that, for each PING it takes, sends itself `echoes`
 * more PINGs until `budget` is spent (a loop when the budget never runs out).
 */
function world(limit: number, budget: number) {
  let left = budget;
  let exchange: Exchange | null = null;
  const ping: MessageEvent = { type: 'message', to: { kind: 'self' }, event: { type: 'PING' }, rule: null, request: false } as never;
  const driver = {
    send(_local: number, _event: EventObject): StepOutcome {
      if (left-- > 0) exchange?.emitted(0, ping as never);
      return 'stepped';
    },
  } as unknown as ModelDriver;
  const router = new RouterClass({ size: 1, globalOf: () => -1, servers: () => [] }, {} as never, {} as never) as Router;
  const host = {
    now: () => 0,
    ledger: {} as never,
    router,
    driverAt: () => driver,
    localAt: () => 0,
    id: () => 'm-000',
    alarm: () => {},
    refused: () => {},
    committed: () => {},
    undelivered: () => {},
    settled: () => {},
  } as ExchangeHost;
  exchange = new Exchange(host, limit);
  return { exchange, refill: (n: number) => (left = n) };
}

describe('the message-loop guard counts one delivery at a time', () => {
  it('a delivery that sets off more messages than the limit is a loop, named', () => {
    const { exchange } = world(100, Number.POSITIVE_INFINITY);
    expect(() => exchange.deliver(0, { type: 'PING' })).toThrow(WorldError);
    expect(() => world(100, Number.POSITIVE_INFINITY).exchange.deliver(0, { type: 'PING' })).toThrow(
      /one delivery set off more than 100 messages \(the last: m-000's PING\)/,
    );
  });

  it('many deliveries whose messages add up to more than the limit are not', () => {
    const { exchange, refill } = world(100, 60);
    exchange.deliver(0, { type: 'PING' });
    for (let i = 0; i < 4; i++) {
      refill(60);
      exchange.deliver(0, { type: 'PING' });
    }
    expect(exchange.messages).toBe(300);
  });
});
