import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { messageOf } from '../shared/messageOf';

/**
 * What went wrong, in one sentence a person can act on: the one place errors
 * become words. The API's own message is kept where it says why; the details
 * (bodies, schema paths) stay in the log.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  if (error.kind !== 'http') return error.message;
  if (error.status === 401) return vscode.l10n.t('The service no longer accepts the API key (401).');
  if (error.status === 403) return vscode.l10n.t('The API key may not do this (403): {0}', error.message);
  if (error.status === 429) return vscode.l10n.t('The service is rate-limiting requests; try again in a moment.');
  return error.message;
}

/** Why a key was refused while signing in to `service` at `baseUrl`; `setting` names the base URL setting to check. */
export function describeSignInFailure(error: unknown, service: string, baseUrl: string, setting: string): string {
  if (!(error instanceof ApiError)) return describeError(error);
  switch (error.kind) {
    case 'network':
      return vscode.l10n.t('Could not reach {0}. Check the setting {1} and your connection. ({2})', baseUrl, setting, error.message);
    case 'schema':
      return vscode.l10n.t('{0} did not answer like the {1} API. Check the setting {2}.', baseUrl, service, setting);
    case 'http':
      if (error.status === 401) return vscode.l10n.t('{0} refused this API key (401). Check that you copied the whole key.', service);
      if (error.status === 404) return vscode.l10n.t('There is no {0} API at {1} (404). Check the setting {2}.', service, baseUrl, setting);
      if (error.status === 429) return describeError(error);
      return vscode.l10n.t('{0} answered {1}: {2}', service, String(error.status), error.message);
    default:
      return describeError(error);
  }
}
