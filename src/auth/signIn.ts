import * as vscode from 'vscode';
import { Commands, ENV_KEY_VARIABLE } from '../constants';
import type { ExtensionState } from '../state';
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
 * "Set API Key": asks with a password box (or takes `key` from a caller such as a
 * keybinding or a test), checks it with the service, and stores it only if accepted.
 */
export async function setApiKey(session: Session, baseUrl: string, key?: unknown): Promise<boolean> {
  let candidate = typeof key === 'string' ? key.trim() : undefined;
  if (candidate === undefined) {
    candidate = (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Lightfield API Key'),
        prompt: vscode.l10n.t('Create a key in Lightfield under Settings → API keys. It is kept in VS Code\'s secret storage.'),
        placeHolder: `${KEY_PREFIX}…`,
        password: true,
        ignoreFocusOut: true,
        validateInput: validateKeyInput,
      })
    )?.trim();
    if (!candidate) return false;
  } else if (validateKeyInput(candidate)) {
    void vscode.window.showErrorMessage(validateKeyInput(candidate) ?? '');
    return false;
  }
  try {
    const accepted = candidate;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API key…') }, () =>
      session.signIn(accepted),
    );
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Lightfield.'));
    return true;
  } catch (error) {
    const tryAgain = vscode.l10n.t('Try Again');
    const openSettings = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(describeSignInFailure(error, baseUrl), tryAgain, openSettings).then((choice) => {
      if (choice === tryAgain) void vscode.commands.executeCommand(Commands.setApiKey);
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'lightfield');
    });
    return false;
  }
}

/** Offers, once, to use a key found in the extension host's environment when none is stored. */
export async function offerEnvironmentKey(session: Session, state: ExtensionState, baseUrl: string): Promise<void> {
  const key = process.env[ENV_KEY_VARIABLE]?.trim();
  if (!key || session.signedIn || state.envKeyOfferAnswered.get()) return;
  const use = vscode.l10n.t('Use It');
  const never = vscode.l10n.t('Never');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('{0} is set in the environment. Use it as your Lightfield API key?', ENV_KEY_VARIABLE),
    use,
    vscode.l10n.t('Not Now'),
    never,
  );
  if (choice === undefined) return;
  await state.envKeyOfferAnswered.set(true);
  if (choice === use) await setApiKey(session, baseUrl, key);
}
