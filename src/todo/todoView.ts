/**
 * The "TODO Comments" view: the workspace's untracked TODOs by file. What finds
 * them (workspaceTodos.ts, with ripgrep and the .gitignore matcher) loads when the
 * view is first shown, and its first scan runs then.
 */
import * as vscode from 'vscode';
import { Views } from '../constants';
import { onFirstUse } from '../lazy';
import { Disposable } from '../lifecycle';
import { labelText } from '../ui/safeText';
import type { DetectOptions, TodoComment } from './detect';
import type { DocumentTodos } from './documentTodos';
import type { SavedScan, WorkspaceTodos } from './workspaceTodos';

export class TodoFileNode {
  readonly kind = 'file';
  constructor(readonly uri: vscode.Uri) {}
}

export class TodoNode {
  readonly kind = 'todo';
  constructor(
    readonly uri: vscode.Uri,
    readonly todo: TodoComment,
  ) {}
}

type Node = TodoFileNode | TodoNode;

export class TodoView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private loaded: WorkspaceTodos | undefined;
  private readonly workspace = onFirstUse(async () => {
    const { WorkspaceTodos } = await import('./workspaceTodos');
    this.loaded = this.register(new WorkspaceTodos(this.documentTodos, this.options, this.log, () => this.changed.fire(undefined), this.saved));
    return this.loaded;
  });

  constructor(
    private readonly documentTodos: DocumentTodos,
    private readonly options: () => DetectOptions,
    private readonly log: vscode.LogOutputChannel,
    private readonly saved: SavedScan,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView(Views.todos, { treeDataProvider: this, showCollapseAll: true }));
  }

  /** Rescans everything, as after the tags changed; before the first scan there is nothing to redo. */
  rescan(): void {
    this.loaded?.rescan();
  }

  /** Rescans reading every file again, as a workspace's first scan. */
  rescanFromScratch(): void {
    this.loaded?.rescanFromScratch();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'todo') return [];
    const workspace = await this.workspace();
    if (node) return workspace.todosOf(node.uri).map((todo) => new TodoNode(node.uri, todo));
    return (await workspace.files()).map((uri) => new TodoFileNode(uri));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      const relative = vscode.workspace.asRelativePath(node.uri, false);
      item.description = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : undefined;
      item.contextValue = 'todoFile';
      return item;
    }
    const item = new vscode.TreeItem(labelText(node.todo.text || node.todo.tag), vscode.TreeItemCollapsibleState.None);
    item.description = labelText(vscode.l10n.t('{0} · line {1}', node.todo.tag, String(node.todo.line + 1)));
    item.iconPath = new vscode.ThemeIcon('comment');
    item.contextValue = 'todo';
    item.command = {
      command: 'vscode.open',
      title: vscode.l10n.t('Go to Comment'),
      arguments: [node.uri, { selection: new vscode.Range(node.todo.line, node.todo.tagStart, node.todo.line, node.todo.tagEnd) }],
    };
    return item;
  }
}

/** The inline "Create task" action's argument: a TODO node. */
export function isTodoNode(value: unknown): value is TodoNode {
  return value instanceof TodoNode;
}
