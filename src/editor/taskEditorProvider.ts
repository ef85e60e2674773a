/**
 * The task editor as a custom editor: VS Code then owns the dirty marker, the
 * "save changes?" question on close, Ctrl/Cmd+S, and hot-exit backups, so an
 * edit survives a window reload. The form itself lives in the webview bundle.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { ApiError } from '../api/errors';
import type { Member, Task, TaskDescription } from '../api/domain';
import type { Session } from '../auth/session';
import { changedKeys, type FormModel, type FormValue, validateValues } from '../shared/form';
import type { HostMessage, ShowMessage } from '../shared/protocol';
import { webviewMessageSchema } from './webviewMessages';
import type { ProviderCache } from '../tasks/providerCache';
import { editorCreateKey, updateKey } from '../tasks/idempotencyKeys';
import type { TaskStore } from '../tasks/taskStore';
import type { ErrorReporter } from '../ui/errorReporter';
import { editorHtml, editorResourceRoots } from './editorHtml';
import { buildForm } from './formBuilder';
import { linkedRecords, recordsNamed } from './linkedRecords';
import { fieldErrorsOf } from './fieldErrors';
import { isEmptyUpdate, toCreate, toUpdate } from './formDiff';
import { type AskAboutConflict, fieldLabels, rebase } from './rebase';
import { TASK_EDITOR_SCHEME, taskIdOf } from './taskUri';
import { askModal } from '../ui/notify';
import { notificationText, tabTitle } from '../ui/safeText';
import { webLinkOf } from '../shared/webLink';
import { Disposable } from '../lifecycle';

export class TaskEditorDocument implements vscode.CustomDocument {
  /** Field errors and a message from the last failed save, shown until the next edit. */
  errors: Record<string, string> = {};
  message: string | undefined;

  constructor(
    readonly uri: vscode.Uri,
    public model: FormModel,
    public values: Record<string, FormValue>,
    /** When opening it began, and how long reading it took, for the log line that says how soon its form was ready. */
    readonly openedAt: number,
    readonly readMs: number,
  ) {}

  dispose(): void {}
}

export interface TaskEditorDeps {
  extensionUri: vscode.Uri;
  store: TaskStore;
  session: Session;
  errors: ErrorReporter;
  descriptions: ProviderCache<TaskDescription>;
  members: ProviderCache<Map<string, Member>>;
  /** A new task's assignee, if there is one to suggest. */
  defaultAssignee: () => string | undefined;
  log: vscode.LogOutputChannel;
}

export class TaskEditorProvider extends Disposable implements vscode.CustomEditorProvider<TaskEditorDocument> {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.CustomDocumentContentChangeEvent<TaskEditorDocument>>());
  readonly onDidChangeCustomDocument = this.changed.event;
  private readonly panels = new Map<TaskEditorDocument, Set<vscode.WebviewPanel>>();
  /** When each panel's page was set, and its size in characters, for the log line that says how soon its form was ready. */
  private readonly pageSet = new WeakMap<vscode.WebviewPanel, { at: number; characters: number }>();
  /** The state each panel's page was built with: `ready` needs no `show` while it is still current. */
  private readonly pageState = new WeakMap<vscode.WebviewPanel, string>();

  constructor(private readonly deps: TaskEditorDeps) {
    super();
  }

  /** The form of `task` (or a new one); the task, the members and the description are read at once. */
  private async form(task: Task | Promise<Task> | undefined): Promise<FormModel> {
    const [read, members, description] = await Promise.all([
      task,
      this.deps.session.can('readMembers') ? this.deps.members.get().catch(() => undefined) : undefined,
      this.deps.descriptions.get(),
    ]);
    const records = await linkedRecords(this.deps.session.provider, description, read);
    return buildForm({ description, task: read, members: members && [...members.values()], defaultAssignee: this.deps.defaultAssignee(), records, serviceName: this.deps.session.capabilities.name });
  }


  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext): Promise<TaskEditorDocument> {
    const openedAt = performance.now();
    // A file on disk named *.lightfield-task is not a task: its name must not become an authenticated request.
    if (uri.scheme !== TASK_EDITOR_SCHEME) throw new Error(vscode.l10n.t('Tasks open from the Tasks view, not from files.'));
    // After a reload VS Code restores editors before the stored key is read.
    await this.deps.session.loaded;
    const id = taskIdOf(uri);
    // A task read in full before opens at once from that copy, and is read again behind it; any other is read first
    // (a listing keeps no described fields).
    const held = id ? this.deps.store.taskInFull(id) : undefined;
    const model = await this.form(held ?? (id ? this.deps.store.fetch(id) : undefined));
    let values = model.values;
    if (context.backupId) {
      const backup = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(context.backupId)))) as { values: Record<string, FormValue> };
      values = { ...values, ...backup.values };
    }
    const document = new TaskEditorDocument(uri, model, values, openedAt, performance.now() - openedAt);
    if (held && id) void this.readAgain(document, id);
    return document;
  }

  /**
   * The service's version of a task opened from the copy read before. The form takes it while
   * the user has changed nothing; after an edit it stays as it is, and the save rebases
   * the edit on the service's version as it does for any change made elsewhere.
   */
  private async readAgain(document: TaskEditorDocument, id: string): Promise<void> {
    try {
      const fresh = await this.form(this.deps.store.fetch(id));
      if (changedKeys(document.model, document.values).length > 0 || JSON.stringify(fresh) === JSON.stringify(document.model)) return;
      this.reset(document, fresh);
    } catch (error) {
      const reason = this.deps.errors.describe(error);
      document.message = vscode.l10n.t('This is the copy read before: the task could not be read again. {0}', reason);
      this.deps.log.warn(`Reading ${id} again after opening it failed: ${reason}`);
    }
    // An edit may be on its way from the page: it keeps what the user changed since it rendered, and sends it again.
    this.show(document, { keepEdits: true });
  }

  resolveCustomEditor(document: TaskEditorDocument, panel: vscode.WebviewPanel): void {
    const { extensionUri } = this.deps;
    panel.webview.options = { enableScripts: true, localResourceRoots: editorResourceRoots(extensionUri) };
    panel.title = tabTitle(document.model.title);
    const state = JSON.stringify(this.showMessage(document));
    this.pageState.set(panel, state);
    const html = editorHtml(panel.webview, extensionUri, state);
    this.pageSet.set(panel, { at: performance.now(), characters: html.length });
    panel.webview.html = html;
    void vscode.commands.executeCommand('setContext', ContextKeys.openedTask, true);
    const panels = this.panels.get(document) ?? new Set();
    panels.add(panel);
    this.panels.set(document, panels);
    const subscription = panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(document, panel, raw));
    panel.onDidDispose(() => {
      subscription.dispose();
      panels.delete(panel);
      if (panels.size === 0) this.panels.delete(document);
    });
  }

  private async receive(document: TaskEditorDocument, panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn('Ignored a malformed message from the task editor webview.');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready': {
        const pageSet = this.pageSet.get(panel);
        if (pageSet !== undefined) {
          const now = performance.now();
          this.deps.log.info(
            `Task editor webview ready in ${(now - pageSet.at).toFixed(1)} ms (its page loaded in ${message.pageMs.toFixed(1)} ms; ${(now - document.openedAt).toFixed(1)} ms since the task was opened; its document read in ${document.readMs.toFixed(1)} ms; its page ${pageSet.characters} characters)`,
          );
        }
        this.pageSet.delete(panel);
        // The page showed the state it was built with; it hears again only if that has changed since.
        const current = this.showMessage(document);
        if (JSON.stringify(current) !== this.pageState.get(panel)) this.post(panel, current);
        return;
      }
      case 'edit':
        this.applyEdit(document, message.values);
        return;
      case 'search': {
        const field = document.model.fields.find((each) => each.key === message.key);
        const options = field ? await recordsNamed(this.deps.session.provider, field, message.text, this.deps.log) : [];
        this.post(panel, { type: 'searchResult', requestId: message.requestId, key: message.key, options });
        return;
      }
      case 'save': {
        // The sender's document, whichever editor is active.
        const ok = await vscode.workspace.save(document.uri).then(
          (saved) => saved !== undefined && changedKeys(document.model, document.values).length === 0,
          () => false,
        );
        this.post(panel, { type: 'saveResult', requestId: message.requestId, ok, errors: document.errors, message: document.message });
        return;
      }
      case 'openLink': {
        // Only web pages open from the editor: http(s), parsed, never another scheme.
        const link = webLinkOf(message.url);
        if (link) await vscode.env.openExternal(vscode.Uri.parse(link, true));
        return;
      }
    }
  }

  /** Takes edited values (from the webview) into the document; keys that are not editable fields are dropped. */
  private applyEdit(document: TaskEditorDocument, values: Record<string, FormValue>): void {
    const editable = new Set(document.model.fields.filter((f) => !f.readOnly).map((f) => f.key));
    document.values = { ...document.values, ...Object.fromEntries(Object.entries(values).filter(([key]) => editable.has(key))) };
    document.errors = {};
    document.message = undefined;
    this.changed.fire({ document });
  }

  /** Asks which version wins when the task changed on the server: a modal listing what changed there. */
  private readonly askAboutConflict: AskAboutConflict = async (title, changedThere) => {
    const keepMine = vscode.l10n.t('Save Mine');
    const takeTheirs = vscode.l10n.t('Take Theirs Where Both Changed');
    const choice = await askModal(
      vscode.l10n.t('"{0}" changed on the server since you opened it.', title),
      vscode.l10n.t('Changed there:\n{0}', changedThere),
      keepMine,
      takeTheirs,
    );
    return choice === keepMine ? 'mine' : choice === takeTheirs ? 'theirs' : undefined;
  };

  private post(panel: vscode.WebviewPanel, message: HostMessage): void {
    void panel.webview.postMessage(message);
  }

  private showMessage(document: TaskEditorDocument): ShowMessage {
    return { type: 'show', model: document.model, values: document.values, errors: document.errors, message: document.message };
  }

  private show(document: TaskEditorDocument, options: Pick<ShowMessage, 'keepEdits'> = {}): void {
    for (const panel of this.panels.get(document) ?? []) {
      panel.title = tabTitle(document.model.title);
      this.post(panel, { ...this.showMessage(document), ...options });
    }
  }

  async saveCustomDocument(document: TaskEditorDocument): Promise<void> {
    // What the last attempt was told no longer applies to this one.
    document.errors = {};
    document.message = undefined;
    try {
      await this.save(document);
    } catch (error) {
      this.recordFailure(document, error);
      // VS Code shows this in its own "Failed to save" notification.
      throw new Error(notificationText(document.message ?? ''), { cause: error });
    } finally {
      this.show(document);
    }
  }

  private async save(document: TaskEditorDocument): Promise<void> {
    const problems = validateValues(document.model, document.values);
    if (Object.keys(problems).length > 0) {
      document.errors = problems;
      throw new Error(vscode.l10n.t('Some fields need attention: {0}', fieldLabels(document.model, Object.keys(problems))));
    }
    const { store } = this.deps;
    if (document.model.mode === 'create') {
      const payload = toCreate(document.model, document.values);
      const task = await store.create(payload, editorCreateKey(document.uri.toString(), payload));
      this.reset(document, await this.form(task));
      return;
    }
    const id = document.model.taskId as string;
    await this.rebaseOnServer(document, await store.fetch(id));
    const update = toUpdate(document.model, document.values);
    if (isEmptyUpdate(update)) return;
    const task = await store.update(id, update, { idempotencyKey: updateKey(id, document.model.updatedAt, update) });
    this.reset(document, await this.form(task));
  }

  /** If the task changed on the server since the form was read, the user chooses (rebase.ts); the fresh read is then the base. */
  private async rebaseOnServer(document: TaskEditorDocument, fresh: Task): Promise<void> {
    if ((fresh.updatedAt ?? '') === (document.model.updatedAt ?? '')) return;
    const rebased = await rebase(document, await this.form(fresh), this.askAboutConflict);
    document.model = rebased.model;
    document.values = rebased.values;
  }

  private reset(document: TaskEditorDocument, model: FormModel): void {
    document.model = model;
    document.values = model.values;
  }

  /** Keeps every edit; puts the server's complaint at the field it names. */
  private recordFailure(document: TaskEditorDocument, error: unknown): void {
    if (error instanceof ApiError) document.errors = { ...document.errors, ...fieldErrorsOf(document.model, error) };
    document.message = this.deps.errors.describe(error);
    this.deps.log.error(`Saving ${document.model.taskId ?? 'a new task'} failed: ${document.message}`);
  }

  saveCustomDocumentAs(): Promise<void> {
    return Promise.reject(new Error(vscode.l10n.t('A task cannot be saved as a file.')));
  }

  async revertCustomDocument(document: TaskEditorDocument): Promise<void> {
    const id = taskIdOf(document.uri) ?? document.model.taskId;
    this.reset(document, await this.form(id ? this.deps.store.fetch(id) : undefined));
    document.errors = {};
    document.message = undefined;
    this.show(document);
  }

  async backupCustomDocument(document: TaskEditorDocument, context: vscode.CustomDocumentBackupContext): Promise<vscode.CustomDocumentBackup> {
    await vscode.workspace.fs.writeFile(context.destination, new TextEncoder().encode(JSON.stringify({ values: document.values })));
    return { id: context.destination.toString(), delete: () => void vscode.workspace.fs.delete(context.destination).then(undefined, () => undefined) };
  }
}
