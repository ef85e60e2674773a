/**
 * What working on a task needs of VS Code's own Git extension (`vscode.git`,
 * API version 1), declared here for the parts used: never a `git` process of
 * our own. Without Git, or with it disabled, there is no repository and the
 * work flow goes on without branches.
 */
import * as vscode from 'vscode';

export interface GitBranch {
  readonly name?: string;
  readonly commit?: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: { readonly HEAD: GitBranch | undefined; readonly onDidChange: vscode.Event<void> };
  createBranch(name: string, checkout: boolean, ref?: string): Promise<void>;
  checkout(treeish: string): Promise<void>;
  getBranch(name: string): Promise<GitBranch>;
  /** Newer versions of the API only. */
  getBranches?(query: { remote?: boolean }): Promise<GitBranch[]>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git extension's API, once it has started; undefined where it is missing or disabled. */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** The repository work happens in: the one holding the active editor's file, else the first workspace folder's. */
export function workRepository(api: GitApi): GitRepository | undefined {
  const byDepth = [...api.repositories].sort((a, b) => b.rootUri.path.length - a.rootUri.path.length);
  const holding = (uri: vscode.Uri | undefined) => uri && byDepth.find((repository) => uri.path === repository.rootUri.path || uri.path.startsWith(`${repository.rootUri.path}/`));
  return holding(vscode.window.activeTextEditor?.document.uri) ?? holding(vscode.workspace.workspaceFolders?.[0]?.uri) ?? api.repositories[0];
}

/** The local branch named `name`, if there is one. */
export async function localBranch(repository: GitRepository, name: string): Promise<GitBranch | undefined> {
  if (repository.getBranches) return (await repository.getBranches({ remote: false })).find((branch) => branch.name === name);
  return repository.getBranch(name).then(
    (branch) => branch,
    () => undefined,
  );
}
