import type { ModelName } from '../../../machines/policyOverride.ts';
import type { RuleId } from '../../../machines/rules.ts';
import { defineAction } from '../action.ts';

/**
 * An action that delivers one event, with no parameters, to each targeted instance:
 * what the instance does with it is its machine's business.
 */
export function sendEvent<K extends string>(kind: K, type: string, models: readonly ModelName[], rules: readonly RuleId[], doc: string) {
  return defineAction({
    kind,
    doc,
    rules,
    models,
    shape: {},
    resolve: (raw) => raw,
    apply(sim, global) {
      sim.deliver(global, { type });
    },
  });
}

const SMART = ['smart-licensing'] as const;

export const deregister = sendEvent(
  'deregister',
  'DEREGISTER',
  SMART,
  ['SL-8'],
  'deregister; released in CSSM only if it can be reached (SL-8)',
);
export const renewAuthorization = sendEvent(
  'renew-authorization',
  'RENEW_AUTHORIZATION',
  SMART,
  ['SL-5'],
  'Renew Authorization Now (SL-5)',
);
export const renewRegistration = sendEvent('renew-registration', 'RENEW_REGISTRATION', SMART, ['SL-6'], 'Renew Registration Now (SL-6)');
export const updateUsage = sendEvent('update-usage', 'UPDATE_USAGE', SMART, ['SL-7'], 'Update Usage Details: report usage now (SL-7)');
export const slrEnable = sendEvent('slr-enable', 'SLR_ENABLE', SMART, ['SLR-1'], 'license smart reservation enable (SLR-1)');
export const slrDisable = sendEvent('slr-disable', 'SLR_DISABLE', SMART, ['SLR-9'], 'reservation disable (SLR-9)');
export const slrRequest = sendEvent('slr-request', 'SLR_REQUEST', SMART, ['SLR-2'], 'reservation request: a request code (SLR-2)');
export const slrCancel = sendEvent('slr-cancel', 'SLR_CANCEL', SMART, ['SLR-6'], 'reservation cancel (SLR-6)');
export const slrReturn = sendEvent(
  'slr-return',
  'SLR_RETURN',
  SMART,
  ['SLR-7'],
  'reservation return: a return code; its licences stay blocked until slr-return-entered (SLR-7)',
);
export const exportRequest = sendEvent('export-request', 'EXPORT_REQUEST', SMART, ['EX-1'], 'export request local (EX-1)');
export const exportReturn = sendEvent('export-return', 'EXPORT_RETURN', SMART, ['EX-1'], 'export return local (EX-1)');
export const exportCancel = sendEvent('export-cancel', 'EXPORT_CANCEL', SMART, ['EX-1'], 'export cancel: stop retrying (EX-1)');
export const deploySecureTrunk = sendEvent(
  'deploy-secure-trunk',
  'DEPLOY_SECURE_TRUNK',
  SMART,
  ['SL-3'],
  'deploy a secure SIP trunk (SL-3)',
);
export const rma = sendEvent(
  'rma',
  'RMA',
  ['smart-licensing', 'node-locked', 'session-claim'],
  ['SLR-8'],
  'the instance is replaced or destroyed (RMA, SLR-8)',
);
export const addServer = sendEvent('add-server', 'ADD_SERVER', ['node-locked'], ['NL-5'], 'add a server to the cluster (NL-5)');
export const deactivate = sendEvent(
  'deactivate',
  'DEACTIVATE',
  ['session-claim'],
  ['CS-3'],
  'deactivate; claimed sessions stay claimed (CS-3)',
);
export const rehost = sendEvent(
  'rehost',
  'REHOST',
  ['session-claim'],
  ['CS-1'],
  'an administrative rehost through the account representative (CS-1)',
);
export const transfer = sendEvent('transfer', 'TRANSFER', ['session-claim'], ['CS-1'], 'try to transfer a licence (refused: CS-1)');

/** NL-6: `file delete license invalid-license-filename` after a MAC change. */
export const deleteInvalidLicense = sendEvent(
  'delete-invalid-license',
  'DELETE_INVALID_LICENSE',
  ['node-locked'],
  ['NL-6'],
  'file delete license invalid-license-filename: with the upload and a licence-manager restart, ends the rehost grace (NL-6)',
);
