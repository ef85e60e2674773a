/**
 * The API key and what it may do. The key lives only in SecretStorage, stored
 * under the origin it was checked against, and is only ever sent there: when the
 * base URL points elsewhere, that origin needs a key of its own. This class hands
 * the provider a getter, never the key itself, and follows changes made in other
 * windows.
 */
import * as vscode from 'vscode';
import { unsafeBaseUrlReason } from '../api/baseUrl';
import { ApiError } from '../api/errors';
import { LightfieldProvider } from '../api/lightfield/client';
import type { KeyInfo } from '../api/model';
import { ContextKeys, LEGACY_SECRET_KEY, secretKeyFor } from '../constants';

export type Scope = 'tasks:read' | 'tasks:create' | 'tasks:update' | 'members:read';
export type SessionChange = 'connection' | 'scopes';

export class Session implements vscode.Disposable {
  private key: string | undefined;
  private keyInfo: KeyInfo | undefined;
  private current: LightfieldProvider | undefined;
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  private readonly accountChanged = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.accountChanged];
  private markLoaded: () => void = () => undefined;
  private pending: Promise<void> = Promise.resolve();
  private legacyKeyRemoved = false;
  /** `connection`: the key or base URL changed, so cached data is another account's; `scopes`: learned what the key may do. */
  readonly onDidChange = this.changed.event;
  /** The key of a base URL was replaced or removed: what is remembered for that base URL was another account's. */
  readonly onDidChangeAccount = this.accountChanged.event;
  /** Settles once the stored key has been read; editors restored after a reload wait for it. */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private baseUrl: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      secrets.onDidChange((event) => {
        if (event.key === this.secretKey()) void this.load();
      }),
    );
  }

  /**
   * Runs changes of the key one after another: a read of SecretStorage that started
   * before a sign-in stored its key must not then undo that sign-in.
   */
  private serially<T>(change: () => T | Promise<T>): Promise<T> {
    const result = this.pending.then(change);
    this.pending = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Reads the stored key of the current origin; no network. */
  load(): Promise<void> {
    return this.serially(async () => {
      try {
        if (!this.legacyKeyRemoved) {
          // A key from before keys were bound to an origin: nobody knows where it was meant to go.
          await this.secrets.delete(LEGACY_SECRET_KEY);
          this.legacyKeyRemoved = true;
        }
        const secretKey = this.secretKey();
        const key = secretKey ? await this.secrets.get(secretKey) : undefined;
        if (key === this.key) return;
        if (this.key !== undefined) this.accountChanged.fire(this.baseUrl);
        this.key = key;
        this.keyInfo = undefined;
        this.rebuild();
      } finally {
        this.markLoaded();
      }
    });
  }

  get signedIn(): boolean {
    return this.key !== undefined;
  }

  get provider(): LightfieldProvider | undefined {
    return this.current;
  }

  /** Follows the setting: the key of the new origin (if one was entered there) replaces the current one. */
  async setBaseUrl(baseUrl: string): Promise<void> {
    await this.serially(() => {
      if (baseUrl === this.baseUrl) return;
      this.baseUrl = baseUrl;
      this.key = undefined;
      this.keyInfo = undefined;
      this.rebuild();
    });
    await this.load();
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
    const baseUrl = this.baseUrl;
    const secretKey = secretKeyFor(baseUrl);
    const unsafe = unsafeBaseUrlReason(baseUrl);
    if (unsafe || !secretKey) throw new Error(unsafe ?? baseUrl);
    const candidate = this.createProvider(() => key);
    const info = await candidate.validateKey();
    if (!info.active) throw new Error(vscode.l10n.t('This API key is no longer active.'));
    await this.serially(async () => {
      // The key was checked with that server; it is stored for that server only.
      if (this.baseUrl !== baseUrl) throw new Error(vscode.l10n.t('The setting lightfield.baseUrl changed while the key was checked; set the key again.'));
      if (this.key !== undefined && this.key !== key) this.accountChanged.fire(baseUrl);
      await this.secrets.store(secretKey, key);
      this.key = key;
      this.keyInfo = info;
      this.current = candidate;
      this.updateContext();
    });
    this.log.info(`Signed in to ${baseUrl} (${info.subjectType} key, scopes: ${info.scopes.length ? info.scopes.join(', ') : 'all'})`);
    this.changed.fire('connection');
  }

  signOut(): Promise<void> {
    return this.serially(async () => {
      const secretKey = this.secretKey();
      if (secretKey) await this.secrets.delete(secretKey);
      if (this.key !== undefined) this.accountChanged.fire(this.baseUrl);
      this.key = undefined;
      this.keyInfo = undefined;
      this.rebuild();
      this.log.info('Signed out');
    });
  }

  /** Where the key of the current base URL is stored: one entry per origin. */
  private secretKey(): string | undefined {
    return secretKeyFor(this.baseUrl);
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
