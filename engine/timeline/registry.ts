import type { z } from 'zod';
import type { ModelName } from '../../machines/policyOverride.ts';
import type { ActionDefinition } from './action.ts';
import * as cssm from './actions/cssm.ts';
import * as devices from './actions/devices.ts';
import * as terms from './actions/licenceTerms.ts';
import * as links from './actions/links.ts';
import * as nodeLocked from './actions/nodeLocked.ts';
import * as population from './actions/population.ts';
import { purchase } from './actions/purchase.ts';
import { register, reregister } from './actions/registration.ts';
import * as send from './actions/send.ts';
import * as sessions from './actions/sessions.ts';

/**
 * Every timeline action, in the order `licsim list` and the JSON Schema give them.
 * The one definition each: everything else (the scenario schema, the loader, the
 * engine, the types below) is derived from this list.
 */
export const ACTIONS = [
  register,
  send.deregister,
  reregister,
  send.renewAuthorization,
  send.renewRegistration,
  send.updateUsage,
  links.linkDown,
  links.linkUp,
  links.setLink,
  links.satelliteMode,
  links.satelliteSync,
  cssm.removeInstance,
  population.grow,
  population.remove,
  purchase,
  devices.addDevice,
  devices.attachSecondary,
  devices.detachSecondary,
  devices.deleteDevice,
  nodeLocked.macChange,
  nodeLocked.firstNodeFailure,
  nodeLocked.uploadLicense,
  send.deleteInvalidLicense,
  nodeLocked.reinstall,
  nodeLocked.upgrade,
  send.addServer,
  nodeLocked.migrate,
  nodeLocked.stopLicenseManager,
  nodeLocked.startLicenseManager,
  nodeLocked.restartLicenseManager,
  send.slrEnable,
  send.slrDisable,
  send.slrRequest,
  cssm.slrAuthorize,
  cssm.slrInstall,
  cssm.slrUpdate,
  cssm.slrConfirm,
  send.slrCancel,
  send.slrReturn,
  cssm.slrReturnAuthorization,
  cssm.slrReturnEntered,
  send.rma,
  cssm.supportRemove,
  send.exportRequest,
  send.exportReturn,
  send.exportCancel,
  send.deploySecureTrunk,
  sessions.activate,
  sessions.reactivate,
  send.deactivate,
  send.rehost,
  send.transfer,
  sessions.useFeature,
  terms.extendLicense,
  terms.addFeature,
  terms.addSessions,
] as const;

type Definition = (typeof ACTIONS)[number];
// An action without keys resolves to zod's empty object type, an index signature of never: it adds nothing.
type ParamsOf<D> =
  D extends ActionDefinition<infer K, z.ZodRawShape, infer P> ? { kind: K } & (string extends keyof P ? unknown : P) : never;

/** A timeline action as the engine runs it: its kind and its resolved parameters. */
export type TimelineAction = ParamsOf<Definition>;
export type TimelineKind = TimelineAction['kind'];

/** An action definition whatever its parameters (the engine dispatches on `kind`). */
export type AnyActionDefinition = ActionDefinition<string, z.ZodRawShape, Record<string, unknown>>;

/** The definition of each action, by kind. */
export const ACTION_BY_KIND = Object.fromEntries(ACTIONS.map((a) => [a.kind, a])) as unknown as Record<TimelineKind, AnyActionDefinition>;

/** The models each timeline action reaches (an empty list: an action on the back end). */
export const ACTION_MODELS = Object.fromEntries(ACTIONS.map((a) => [a.kind, a.models])) as Record<TimelineKind, readonly ModelName[]>;
