import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, createActor, type EventObject, enqueueActions, setup } from 'xstate';
import { EventQueue } from '../../engine/clock/eventQueue.ts';
import { compileMachine } from '../../engine/compile/compileMachine.ts';
import { CompileError } from '../../engine/compile/errors.ts';
import { Stepper } from '../../engine/compile/stepper.ts';

function stepperOf(machine: AnyStateMachine, emitted: EventObject[] = []): Stepper {
  const q = new EventQueue();
  return new Stepper(
    compileMachine(machine),
    {
      now: () => q.now,
      scheduleTimer: (at, i, slot, gen) => q.pushTimer(at, i, slot, gen),
      emitted: (_, e) => emitted.push(e),
      stepped: () => {},
      admit: () => true,
    },
    1,
  );
}

/** An enqueue method XState 5.33 does not have: a body calling it fails in XState with a TypeError too. */
type WithLog = { log(value: string): void };

const unsupported = setup({}).createMachine({
  id: 'q',
  initial: 'a',
  states: {
    a: {
      on: {
        SEND: { actions: enqueueActions(({ enqueue }) => enqueue.sendTo('someone', { type: 'hi' })) },
        NESTED: { actions: enqueueActions(({ enqueue }) => enqueue(enqueueActions(({ enqueue: inner }) => inner.stopChild('child')))) },
        LOG: 'b',
      },
    },
    b: { entry: enqueueActions(({ enqueue }) => (enqueue as unknown as WithLog).log('entered')) },
  },
});

describe('enqueueActions in the compiled stepper', () => {
  it('runs enqueue(action), enqueue.assign, enqueue.emit and check as XState does, with one enqueue object', () => {
    const seen = new Set<unknown>();
    const machine = setup({
      types: { context: {} as { n: number } },
      guards: { small: ({ context }) => context.n < 2 },
      actions: { note: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'noted' })) },
    }).createMachine({
      id: 'ok',
      context: { n: 0 },
      on: {
        GO: {
          actions: enqueueActions(({ enqueue, check }) => {
            seen.add(enqueue);
            enqueue.assign({ n: ({ context }) => context.n + 1 });
            if (check('small')) enqueue('note');
            enqueue.emit(({ context }) => ({ type: 'n', n: context.n }));
          }),
        },
      },
    });
    const emitted: EventObject[] = [];
    const stepper = stepperOf(machine, emitted);
    stepper.start(0, undefined);
    for (let i = 0; i < 3; i++) stepper.send(0, { type: 'GO' });
    expect(seen.size).toBe(1);
    const actor = createActor(machine);
    const fromXState: EventObject[] = [];
    actor.on('*', (e) => fromXState.push(e));
    actor.start();
    for (let i = 0; i < 3; i++) actor.send({ type: 'GO' });
    expect(emitted).toEqual(fromXState);
    expect(stepper.context(0)).toEqual(actor.getSnapshot().context);
  });

  it('refuses an enqueue method it does not replay by name, where the action was compiled, when the step runs', () => {
    const stepper = stepperOf(unsupported);
    stepper.start(0, undefined);
    const supported = '(supported: enqueue(action), enqueue.assign, enqueue.emit)';
    expect(() => stepper.send(0, { type: 'SEND' })).toThrow(CompileError);
    expect(() => stepper.send(0, { type: 'SEND' })).toThrow(
      `cannot compile machine "q": state "q.a", event "SEND": enqueue.sendTo is not supported in enqueueActions ${supported}`,
    );
    expect(() => stepper.send(0, { type: 'NESTED' })).toThrow(
      `cannot compile machine "q": state "q.a", event "NESTED": enqueue.stopChild is not supported in enqueueActions ${supported}`,
    );
    expect(() => stepper.send(0, { type: 'LOG' })).toThrow(
      `cannot compile machine "q": state "q.b": enqueue.log is not supported in enqueueActions ${supported}`,
    );
  });

  it('refuses timers raised inside enqueueActions where the action was compiled', () => {
    const machine = setup({}).createMachine({
      id: 't',
      on: { GO: { actions: enqueueActions(({ enqueue }) => enqueue.raise({ type: 'later' }, { id: 'later', delay: 5 })) }, OTHER: {} },
    });
    const stepper = stepperOf(machine);
    stepper.start(0, undefined);
    expect(() => stepper.send(0, { type: 'GO' })).toThrow(
      'cannot compile machine "t": state "t", event "GO": timers raised or cancelled inside enqueueActions are not supported',
    );
  });
});
