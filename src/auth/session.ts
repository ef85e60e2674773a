/**
 * The chosen service's API key and what it may do. The key lives only in
 * SecretStorage, stored per service under the origin it was checked against, and
 * is only ever sent there: another service, or a base URL pointing elsewhere,
 * needs a key of its own. This class hands the provider a getter, never the key
 * itself, and follows changes made in other windows.
 */
import * as vscode from 'vscode';
import { unsafeBaseUrlReason } from '../api/baseUrl';
import type { Account, Capabilities, ServiceId } from '../api/domain';
import type { ProviderOptions, TaskProvider } from '../api/provider';
import { SERVICES } from '../api/services';
import { ContextKeys, LEGACY_SECRET_KEY, secretKeyFor } from '../constants';
import { connectionOf } from '../state';
import { Disposable } from '../lifecycle';

/** What a key may do, as the service told when it was checked. */
export type Permission = 'create' | 'update' | 'delete' | 'readMembers';
/** `connection`: the service, key or base URL changed, so cached data is another account's; `account`: learned what the key may do. */
export type SessionChange = 'connection' | 'account';

export class Session extends Disposable {
  private key: string | undefined;
  private account: Account | undefined;
  private current: TaskProvider | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<SessionChange>());
  private readonly accountChanged = this.register(new vscode.EventEmitter<string>());
  private markLoaded: () => void = () => undefined;
  private pending: Promise<void> = Promise.resolve();
  private legacyKeyRemoved = false;
  readonly onDidChange = this.changed.event;
  /** The key of a connection (see `connectionOf`) was replaced or removed: what is remembered for it was another account's. */
  readonly onDidChangeAccount = this.accountChanged.event;
  /** Settles once the stored key has been read; editors restored after a reload wait for it. */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private service: ServiceId,
    private baseUrl: string,
    private readonly log: vscode.LogOutputChannel,
    /** Where an adapter keeps what it learned of its service between starts, per connection. */
    private readonly memoryOf: (connection: string) => ProviderOptions['memory'] = () => undefined,
  ) {
    super();
    this.register(
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
        // Without a key too, the views must know the service: its welcome text and buttons depend on it.
        if (key === this.key) return this.updateContext();
        if (this.key !== undefined) this.accountChanged.fire(this.connection);
        this.key = key;
        this.account = undefined;
        this.rebuild();
      } finally {
        this.markLoaded();
      }
    });
  }

  get signedIn(): boolean {
    return this.key !== undefined;
  }

  get provider(): TaskProvider | undefined {
    return this.current;
  }

  /** What the chosen service can do; known before signing in. */
  get capabilities(): Capabilities {
    return SERVICES[this.service].capabilities;
  }

  /** The service and base URL remembered state belongs to. */
  get connection(): string {
    return connectionOf(this.service, this.baseUrl);
  }

  /** The key's own member, where the service says who that is. */
  get me(): string | undefined {
    return this.account?.me;
  }

  /** Follows the settings: the key of the new service and origin (if one was entered there) replaces the current one. */
  async connect(service: ServiceId, baseUrl: string): Promise<void> {
    await this.serially(() => {
      if (service === this.service && baseUrl === this.baseUrl) return;
      this.service = service;
      this.baseUrl = baseUrl;
      this.key = undefined;
      this.account = undefined;
      this.rebuild();
    });
    await this.load();
  }

  /** Whether the key may do this. Unknown until checked: allowed. */
  can(permission: Permission): boolean {
    if (!this.account) return true;
    return { create: this.account.canCreate, update: this.account.canUpdate, delete: this.account.canDelete, readMembers: this.account.canReadMembers }[permission];
  }

  /** Checks the stored key once per key and connection, and learns what it may do. */
  async validate(): Promise<void> {
    const checked = this.current;
    if (!checked || this.account) return;
    const account = await checked.checkKey();
    // The connection changed while the key was checked: what it told is another key's.
    if (this.current !== checked) return;
    this.account = account;
    this.updateContext();
    this.changed.fire('account');
  }

  /** Checks `key` against the service and stores it only if it is accepted. Throws with the reason. */
  async signIn(key: string): Promise<void> {
    const { service, baseUrl, connection } = this;
    const secretKey = secretKeyFor(service, baseUrl);
    const unsafe = unsafeBaseUrlReason(baseUrl);
    if (unsafe || !secretKey) throw new Error(unsafe ?? baseUrl);
    const candidate = this.createProvider(() => key);
    const account = await candidate.checkKey();
    if (!account.active) throw new Error(vscode.l10n.t('This API key is no longer active.'));
    if (!account.canRead) throw new Error(vscode.l10n.t('This API key may not read tasks (it lacks the tasks:read scope): create a key that has it.'));
    await this.serially(async () => {
      // The key was checked with that service at that server; it is stored for them only.
      if (this.connection !== connection) throw new Error(vscode.l10n.t('The service or its base URL changed while the key was checked; set the key again.'));
      if (this.key !== undefined && this.key !== key) this.accountChanged.fire(connection);
      await this.secrets.store(secretKey, key);
      this.key = key;
      this.account = account;
      this.current = candidate;
      this.updateContext();
    });
    this.log.info(`Signed in to ${this.capabilities.name} at ${baseUrl} (${account.summary})`);
    this.changed.fire('connection');
  }

  signOut(): Promise<void> {
    return this.serially(async () => {
      const secretKey = this.secretKey();
      if (secretKey) await this.secrets.delete(secretKey);
      if (this.key !== undefined) this.accountChanged.fire(this.connection);
      this.key = undefined;
      this.account = undefined;
      this.rebuild();
      this.log.info(`Signed out of ${this.capabilities.name}`);
    });
  }

  /** Where the key of the current service and base URL is stored: one entry per service and origin. */
  private secretKey(): string | undefined {
    return secretKeyFor(this.service, this.baseUrl);
  }

  private createProvider(getKey: () => string | undefined): TaskProvider {
    return SERVICES[this.service].connect({ baseUrl: this.baseUrl, getKey, log: (line) => this.log.debug(line), memory: this.memoryOf(this.connection) });
  }

  private rebuild(): void {
    this.current = this.key ? this.createProvider(() => this.key) : undefined;
    this.updateContext();
    this.changed.fire('connection');
  }

  private updateContext(): void {
    const set = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
    set(ContextKeys.signedIn, this.signedIn);
    set(ContextKeys.canCreate, this.signedIn && this.can('create'));
    set(ContextKeys.canUpdate, this.signedIn && this.can('update'));
    set(ContextKeys.canDelete, this.signedIn && this.can('delete'));
    set(ContextKeys.canStart, this.capabilities.statuses.includes('IN_PROGRESS'));
    set(ContextKeys.canCancel, this.capabilities.statuses.includes('CANCELLED'));
    void vscode.commands.executeCommand('setContext', ContextKeys.service, this.service);
  }
}
