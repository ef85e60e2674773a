/**
 * The API key and what it may do. The key lives only in SecretStorage; this
 * class hands the provider a getter, never the key itself, and follows changes
 * made in other windows.
 */
import * as vscode from 'vscode';
import { unsafeBaseUrlReason } from '../api/baseUrl';
import { ApiError } from '../api/errors';
import { LightfieldProvider } from '../api/lightfield/client';
import type { KeyInfo } from '../api/model';
import { ContextKeys, SECRET_KEY } from '../constants';

export type Scope = 'tasks:read' | 'tasks:create' | 'tasks:update' | 'members:read';
export type SessionChange = 'connection' | 'scopes';

export class Session implements vscode.Disposable {
  private key: string | undefined;
  private keyInfo: KeyInfo | undefined;
  private current: LightfieldProvider | undefined;
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** `connection`: the key or base URL changed, so cached data is another account's; `scopes`: learned what the key may do. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private baseUrl: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      secrets.onDidChange((event) => {
        if (event.key === SECRET_KEY) void this.load();
      }),
    );
  }

  /** Reads the stored key; no network. */
  async load(): Promise<void> {
    const key = await this.secrets.get(SECRET_KEY);
    if (key === this.key) return;
    this.key = key;
    this.keyInfo = undefined;
    this.rebuild();
  }

  get signedIn(): boolean {
    return this.key !== undefined;
  }

  get provider(): LightfieldProvider | undefined {
    return this.current;
  }

  setBaseUrl(baseUrl: string): void {
    if (baseUrl === this.baseUrl) return;
    this.baseUrl = baseUrl;
    this.keyInfo = undefined;
    this.rebuild();
  }

  /** Whether the key may do `scope`; an empty scope list means full access. Unknown until validated: allowed. */
  can(scope: Scope): boolean {
    return !this.keyInfo || this.keyInfo.scopes.length === 0 || this.keyInfo.scopes.includes(scope);
  }

  /** Checks the stored key once per key and base URL, and learns its scopes. */
  async validate(): Promise<void> {
    if (!this.current || this.keyInfo) return;
    this.keyInfo = await this.current.validateKey();
    this.updateContext();
    this.changed.fire('scopes');
  }

  /** Checks `key` against the service and stores it only if it is accepted. Throws with the reason. */
  async signIn(key: string): Promise<void> {
    const unsafe = unsafeBaseUrlReason(this.baseUrl);
    if (unsafe) throw new Error(unsafe);
    const candidate = this.createProvider(() => key);
    const info = await candidate.validateKey();
    if (!info.active) throw new Error(vscode.l10n.t('This API key is no longer active.'));
    this.key = key;
    this.keyInfo = info;
    this.current = candidate;
    this.updateContext();
    await this.secrets.store(SECRET_KEY, key);
    this.log.info(`Signed in to ${this.baseUrl} (${info.subjectType} key, scopes: ${info.scopes.length ? info.scopes.join(', ') : 'all'})`);
    this.changed.fire('connection');
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.key = undefined;
    this.keyInfo = undefined;
    this.rebuild();
    this.log.info('Signed out');
  }

  private createProvider(getKey: () => string | undefined): LightfieldProvider {
    return new LightfieldProvider({ baseUrl: this.baseUrl, getKey, log: (line) => this.log.debug(line) });
  }

  private rebuild(): void {
    this.current = this.key ? this.createProvider(() => this.key) : undefined;
    this.updateContext();
    this.changed.fire('connection');
  }

  private updateContext(): void {
    const set = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
    set(ContextKeys.signedIn, this.signedIn);
    set(ContextKeys.canCreate, this.signedIn && this.can('tasks:create'));
    set(ContextKeys.canUpdate, this.signedIn && this.can('tasks:update'));
    set(ContextKeys.canReadMembers, this.signedIn && this.can('members:read'));
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** Why a key was refused, in words a user can act on. */
export function describeSignInFailure(error: unknown, baseUrl: string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case 'network':
      return vscode.l10n.t('Could not reach {0}. Check the setting lightfield.baseUrl and your connection. ({1})', baseUrl, error.message);
    case 'schema':
      return vscode.l10n.t('{0} did not answer like the Lightfield API. Check the setting lightfield.baseUrl.', baseUrl);
    case 'http':
      if (error.status === 401) return vscode.l10n.t('Lightfield refused this API key (401). Check that you copied the whole key.');
      if (error.status === 404) return vscode.l10n.t('There is no Lightfield API at {0} (404). Check the setting lightfield.baseUrl.', baseUrl);
      return vscode.l10n.t('Lightfield answered {0}: {1}', String(error.status), error.message);
    default:
      return error.message;
  }
}
