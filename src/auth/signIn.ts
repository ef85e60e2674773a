import * as vscode from 'vscode';
import { originOf } from '../api/baseUrl';
import type { Capabilities } from '../api/domain';
import { SERVICE_IDS, SERVICES } from '../api/services';
import type { Settings } from '../config';
import { Commands, CONFIG_SECTION, type SIGN_IN_COMMANDS } from '../constants';
import type { CommandHandlers } from '../lazyCommands';
import type { ExtensionState } from '../state';
import { askModal, showError, showInfo } from '../ui/notify';
import { describeSignInFailure } from '../ui/describeError';
import { environmentKey } from './environmentKey';
import type { Session } from './session';

function keyInputCheck(capabilities: Capabilities): (value: string) => string | undefined {
  return (value) => {
    const key = value.trim();
    const { prefix } = capabilities.key;
    if (!key) return vscode.l10n.t('Paste your {0} API key.', capabilities.name);
    if (/\s/.test(key)) return vscode.l10n.t('An API key has no spaces.');
    if (prefix && !key.startsWith(prefix)) return vscode.l10n.t('{0} API keys start with {1}.', capabilities.name, prefix);
    return undefined;
  };
}

/**
 * "Set API Key": asks for the chosen service's key with a password box, checks it
 * with that service, and stores it only if accepted. It takes no arguments: a
 * `command:` link could otherwise switch the user to someone else's account
 * without a word.
 */
export async function setApiKey(session: Session, settings: Settings): Promise<boolean> {
  const { capabilities } = SERVICES[settings.service];
  const candidate = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('{0} API Key for {1}', capabilities.name, destination(settings.baseUrl)),
      prompt: vscode.l10n.t('{0} It is kept in VS Code\'s secret storage and sent only to {1}.', capabilities.key.where, destination(settings.baseUrl)),
      placeHolder: capabilities.key.placeholder,
      password: true,
      ignoreFocusOut: true,
      validateInput: keyInputCheck(capabilities),
    })
  )?.trim();
  if (!candidate) return false;
  return checkAndStore(session, settings, candidate);
}

/** Where a key goes, as the user reads it: the origin, or the setting as written when it is no URL. */
function destination(baseUrl: string): string {
  return originOf(baseUrl) ?? baseUrl;
}

async function checkAndStore(session: Session, settings: Settings, candidate: string): Promise<boolean> {
  const { name } = SERVICES[settings.service].capabilities;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API key…') }, () =>
      session.signIn(candidate),
    );
    void showInfo(vscode.l10n.t('Signed in to {0}.', name));
    return true;
  } catch (error) {
    const tryAgain = vscode.l10n.t('Try Again');
    const openSettings = vscode.l10n.t('Open Settings');
    const setting = `${CONFIG_SECTION}.${SERVICES[settings.service].baseUrlSetting}`;
    void showError(describeSignInFailure(error, name, settings.baseUrl, setting), tryAgain, openSettings).then((choice) => {
      if (choice === tryAgain) void vscode.commands.executeCommand(Commands.setApiKey);
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', CONFIG_SECTION);
    });
    return false;
  }
}

/** The welcome view's "Use the key from the environment": the user's click is the consent. Takes no arguments. */
export async function useEnvironmentKey(session: Session, settings: Settings): Promise<boolean> {
  const key = environmentKey(settings);
  if (!key) {
    void showError(vscode.l10n.t('{0} is not set in the environment of the extension host.', SERVICES[settings.service].keyVariable));
    return false;
  }
  return checkAndStore(session, settings, key);
}

/** Offers, once, to use a key found in the extension host's environment when none is stored. */
export async function offerEnvironmentKey(session: Session, state: ExtensionState, settings: Settings): Promise<void> {
  const key = environmentKey(settings);
  if (!key || session.signedIn || state.envKeyOfferAnswered.get()) return;
  const { keyVariable, capabilities } = SERVICES[settings.service];
  const use = vscode.l10n.t('Use It');
  const never = vscode.l10n.t('Never');
  const choice = await showInfo(
    vscode.l10n.t('{0} is set in the environment. Use it as your {1} API key for {2}?', keyVariable, capabilities.name, destination(settings.baseUrl)),
    use,
    vscode.l10n.t('Not Now'),
    never,
  );
  if (choice === undefined) return;
  await state.envKeyOfferAnswered.set(true);
  if (choice === use) await checkAndStore(session, settings, key);
}

/**
 * "Choose Service…": which service the tasks come from, written where the setting
 * already is (the workspace's settings when it chose one, else the user's). The
 * extension follows the setting without a reload; each service keeps its own key.
 */
export async function chooseService(settings: Settings): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    SERVICE_IDS.map((id) => ({
      id,
      label: SERVICES[id].capabilities.name,
      description: id === settings.service ? vscode.l10n.t('current') : undefined,
    })),
    { title: vscode.l10n.t('Where do your tasks live?') },
  );
  if (!picked || picked.id === settings.service) return;
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const target = config.inspect('service')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('service', picked.id, target);
}

/** Signing out removes the key from this machine, so it asks first (a link could run it too). */
export async function confirmSignOut(session: Session, settings: Settings): Promise<void> {
  if (!session.signedIn) return;
  const signOut = vscode.l10n.t('Sign Out');
  const { name } = SERVICES[settings.service].capabilities;
  const choice = await askModal(vscode.l10n.t('Sign out of {0} at {1}?', name, destination(settings.baseUrl)), vscode.l10n.t('The API key is removed from this machine; you will need it again to sign in.'), signOut);
  if (choice === signOut) await session.signOut();
}

/** The sign-in commands; none takes arguments (a `command:` link must not be able to set or drop the key). */
export function signInCommandHandlers(session: Session, settings: () => Settings): CommandHandlers<(typeof SIGN_IN_COMMANDS)[number]> {
  return {
    [Commands.setApiKey]: () => setApiKey(session, settings()),
    [Commands.signOut]: () => confirmSignOut(session, settings()),
    [Commands.useEnvironmentKey]: () => useEnvironmentKey(session, settings()),
    [Commands.chooseService]: () => chooseService(settings()),
  };
}
