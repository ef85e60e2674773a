/** Where task references are links, hovers and completions: the interfaces and their registration. */
import * as vscode from 'vscode';
import type { Capabilities } from '../api/domain';
import { onFirstUse } from '../lazy';
import type { TaskStore } from '../tasks/taskStore';
import type { ActiveWork } from './activeWork';

export interface TaskReferenceDeps {
  store: TaskStore;
  work: ActiveWork;
  capabilities: () => Capabilities;
  /** Whether a run of text is one of the connected service's task IDs: one it returned, or its own shape. */
  isTaskId: (id: string) => boolean;
  /** Who "me" is, for my open tasks first. */
  me: () => string | undefined;
  /** The task a TODO on this line links to: its own hover names it. */
  todoReferenceAt: (document: vscode.TextDocument, line: number) => string | undefined;
  /** The TODO tags: typing `TODO(` offers tasks. */
  todoTags: () => readonly string[];
}

/** Where references are links: files, unsaved files and the Source Control message box. */
const REFERENCE_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-scm' }];

/** Links, hovers and completion of task references, registered where each belongs; what they do (referenceProviders.ts) loads with the first one asked for. */
export function registerTaskReferences(deps: TaskReferenceDeps): vscode.Disposable[] {
  const providers = onFirstUse(async () => {
    const { TaskReferenceCompletions, TaskReferenceLinks } = await import('./referenceProviders');
    return { links: new TaskReferenceLinks(deps), completions: new TaskReferenceCompletions(deps) };
  });
  return [
    vscode.languages.registerDocumentLinkProvider(REFERENCE_DOCUMENTS, { provideDocumentLinks: async (document) => (await providers()).links.provideDocumentLinks(document) }),
    vscode.languages.registerHoverProvider(REFERENCE_DOCUMENTS, { provideHover: async (document, position) => (await providers()).links.provideHover(document, position) }),
    vscode.languages.registerCompletionItemProvider(
      REFERENCE_DOCUMENTS,
      { provideCompletionItems: async (document, position, token, context) => (await providers()).completions.provideCompletionItems(document, position, token, context) },
      '#',
      '(',
    ),
  ];
}
