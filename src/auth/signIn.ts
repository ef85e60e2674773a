import * as vscode from 'vscode';
import { originOf } from '../api/baseUrl';
import { Commands, ENV_KEY_VARIABLE } from '../constants';
import type { ExtensionState } from '../state';
import { askModal, showError, showInfo } from '../ui/notify';
import { describeSignInFailure, type Session } from './session';

const KEY_PREFIX = 'sk_lf_';

function validateKeyInput(value: string): string | undefined {
  const key = value.trim();
  if (!key) return vscode.l10n.t('Paste your Lightfield API key.');
  if (/\s/.test(key)) return vscode.l10n.t('An API key has no spaces.');
  if (!key.startsWith(KEY_PREFIX)) return vscode.l10n.t('Lightfield API keys start with {0}.', KEY_PREFIX);
  return undefined;
}

/**
 * "Set API Key": asks with a password box, checks the key with the service, and
 * stores it only if accepted. It takes no arguments: a `command:` link could
 * otherwise switch the user to someone else's account without a word.
 */
export async function setApiKey(session: Session, baseUrl: string): Promise<boolean> {
  const candidate = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Lightfield API Key for {0}', destination(baseUrl)),
      prompt: vscode.l10n.t('Create a key in Lightfield under Settings → API keys. It is kept in VS Code\'s secret storage and sent only to {0}.', destination(baseUrl)),
      placeHolder: `${KEY_PREFIX}…`,
      password: true,
      ignoreFocusOut: true,
      validateInput: validateKeyInput,
    })
  )?.trim();
  if (!candidate) return false;
  return checkAndStore(session, baseUrl, candidate);
}

/** Where a key goes, as the user reads it: the origin, or the setting as written when it is no URL. */
function destination(baseUrl: string): string {
  return originOf(baseUrl) ?? baseUrl;
}

async function checkAndStore(session: Session, baseUrl: string, candidate: string): Promise<boolean> {
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API key…') }, () =>
      session.signIn(candidate),
    );
    void showInfo(vscode.l10n.t('Signed in to Lightfield.'));
    return true;
  } catch (error) {
    const tryAgain = vscode.l10n.t('Try Again');
    const openSettings = vscode.l10n.t('Open Settings');
    void showError(describeSignInFailure(error, baseUrl), tryAgain, openSettings).then((choice) => {
      if (choice === tryAgain) void vscode.commands.executeCommand(Commands.setApiKey);
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'lightfield');
    });
    return false;
  }
}

/** The key in the extension host's environment (`LIGHTFIELD_API_KEY`), if any; the welcome view's button shows when there is one. */
export function environmentKey(): string | undefined {
  return process.env[ENV_KEY_VARIABLE]?.trim() || undefined;
}

/** The welcome view's "Use the key from LIGHTFIELD_API_KEY": the user's click is the consent. Takes no arguments. */
export async function useEnvironmentKey(session: Session, baseUrl: string): Promise<boolean> {
  const key = environmentKey();
  if (!key) {
    void showError(vscode.l10n.t('{0} is not set in the environment of the extension host.', ENV_KEY_VARIABLE));
    return false;
  }
  return checkAndStore(session, baseUrl, key);
}

/** Offers, once, to use a key found in the extension host's environment when none is stored. */
export async function offerEnvironmentKey(session: Session, state: ExtensionState, baseUrl: string): Promise<void> {
  const key = environmentKey();
  if (!key || session.signedIn || state.envKeyOfferAnswered.get()) return;
  const use = vscode.l10n.t('Use It');
  const never = vscode.l10n.t('Never');
  const choice = await showInfo(
    vscode.l10n.t('{0} is set in the environment. Use it as your Lightfield API key for {1}?', ENV_KEY_VARIABLE, destination(baseUrl)),
    use,
    vscode.l10n.t('Not Now'),
    never,
  );
  if (choice === undefined) return;
  await state.envKeyOfferAnswered.set(true);
  if (choice === use) await checkAndStore(session, baseUrl, key);
}

/** Signing out removes the key from this machine, so it asks first (a link could run it too). */
export async function confirmSignOut(session: Session, baseUrl: string): Promise<void> {
  if (!session.signedIn) return;
  const signOut = vscode.l10n.t('Sign Out');
  const choice = await askModal(vscode.l10n.t('Sign out of Lightfield at {0}?', destination(baseUrl)), vscode.l10n.t('The API key is removed from this machine; you will need it again to sign in.'), signOut);
  if (choice === signOut) await session.signOut();
}
