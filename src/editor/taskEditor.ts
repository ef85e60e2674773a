/**
 * The task editor as VS Code sees it from activation: every call waits for the editor's
 * own code (taskEditorProvider.ts, the form's builder and checks), loaded when the first
 * task opens, so the first paint of the tree does not carry it.
 */
import * as vscode from 'vscode';
import { onFirstUse } from '../lazy';
import { Disposable } from '../lifecycle';
import type { TaskEditorDeps, TaskEditorDocument } from './taskEditorProvider';

export class TaskEditor extends Disposable implements vscode.CustomEditorProvider<TaskEditorDocument> {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.CustomDocumentContentChangeEvent<TaskEditorDocument>>());
  readonly onDidChangeCustomDocument = this.changed.event;
  private readonly provider = onFirstUse(async () => {
    const [{ TaskEditorProvider }, sharedL10n] = await Promise.all([import('./taskEditorProvider'), import('@vscode/l10n')]);
    // The words the host shares with the webview (the form's checks), in VS Code's display language too.
    if (vscode.l10n.bundle) sharedL10n.config({ contents: vscode.l10n.bundle });
    const provider = this.register(new TaskEditorProvider(this.deps));
    // Documents come from the provider once it is loaded, so none of their changes is missed.
    this.register(provider.onDidChangeCustomDocument((change) => this.changed.fire(change)));
    return provider;
  });

  constructor(private readonly deps: TaskEditorDeps) {
    super();
  }

  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext): Promise<TaskEditorDocument> {
    return (await this.provider()).openCustomDocument(uri, context);
  }

  async resolveCustomEditor(document: TaskEditorDocument, panel: vscode.WebviewPanel): Promise<void> {
    (await this.provider()).resolveCustomEditor(document, panel);
  }

  async saveCustomDocument(document: TaskEditorDocument): Promise<void> {
    return (await this.provider()).saveCustomDocument(document);
  }

  async saveCustomDocumentAs(): Promise<void> {
    return (await this.provider()).saveCustomDocumentAs();
  }

  async revertCustomDocument(document: TaskEditorDocument): Promise<void> {
    return (await this.provider()).revertCustomDocument(document);
  }

  async backupCustomDocument(document: TaskEditorDocument, context: vscode.CustomDocumentBackupContext): Promise<vscode.CustomDocumentBackup> {
    return (await this.provider()).backupCustomDocument(document, context);
  }
}
