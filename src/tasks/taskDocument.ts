import * as vscode from 'vscode';
import type { Member, Task, TaskDefinitions } from '../api/model';
import { fieldText } from './fieldText';
import { memberName, taskTitle } from './grouping';
import type { TaskStore } from './taskStore';

export const TASK_SCHEME = 'lightfield-task';

/**
 * A read-only view of a task's fields as a Markdown text document (shown as
 * source, so no server text is ever rendered as HTML). Field labels come from
 * the definitions; members show by name.
 */
export class TaskDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: TaskStore,
    private readonly definitions: () => Promise<TaskDefinitions | undefined>,
    private readonly members: () => Promise<Map<string, Member>>,
  ) {
    this.subscription = store.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === TASK_SCHEME) this.changed.fire(document.uri);
      }
    });
  }

  static uri(task: Task): vscode.Uri {
    const name = taskTitle(task).replace(/[\\/:*?"<>|#%]+/g, ' ').slice(0, 60).trim() || task.id;
    return vscode.Uri.from({ scheme: TASK_SCHEME, path: `/${task.id}/${name}.md` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = uri.path.split('/')[1];
    const task = this.store.task(id) ?? (await this.store.fetch(id));
    const [definitions, members] = await Promise.all([this.definitions().catch(() => undefined), this.members().catch(() => new Map<string, Member>())]);
    const lines = [`# ${taskTitle(task)}`, ''];
    for (const [key, field] of Object.entries(task.fields)) {
      if (key === '$title' || key === '$description' || field.value === null) continue;
      const definition = definitions?.fieldDefinitions[key];
      lines.push(`- ${definition?.label ?? key}: ${fieldText(field.value, definition)}`);
    }
    for (const [key, relationship] of Object.entries(task.relationships)) {
      if (relationship.values.length === 0) continue;
      const label = definitions?.relationshipDefinitions[key]?.label ?? key;
      lines.push(`- ${label}: ${relationship.values.map((id) => (members.get(id) ? memberName(members.get(id)!) : id)).join(', ')}`);
    }
    lines.push(`- ID: ${task.id}`);
    const description = task.fields.$description?.value;
    if (typeof description === 'string' && description.trim()) lines.push('', '## Description', '', description);
    return `${lines.join('\n')}\n`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
