import type * as vscode from 'vscode';
import { syntaxFor } from './commentSyntax';
import { type DetectOptions, findTodos, type TodoComment } from './detect';
import { ReferenceFormat } from './reference';

/** TODO comments of documents: whole-document scans cached per version, line ranges read on demand. */
export class DocumentTodos {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; options: DetectOptions; todos: TodoComment[] }>();

  /** `options` is the same object until a setting changes, so it keys the cache. */
  constructor(private readonly options: () => DetectOptions) {}

  /** The reference format detection reads: a rewrite writes with the same object. */
  get reference(): ReferenceFormat {
    return this.options().reference ?? new ReferenceFormat();
  }

  all(document: vscode.TextDocument): TodoComment[] {
    const options = this.options();
    const cached = this.cache.get(document);
    if (cached && cached.version === document.version && cached.options === options) return cached.todos;
    const todos = findTodos(document, syntaxFor(document.languageId), options);
    this.cache.set(document, { version: document.version, options, todos });
    return todos;
  }

  /** Only the lines asked about (and what they need above them), as the code-action path wants. */
  inLines(document: vscode.TextDocument, start: number, end: number): TodoComment[] {
    return findTodos(document, syntaxFor(document.languageId), { ...this.options(), range: { start, end } });
  }

  /** The comment covering `line`: its tag line or one of its continuation lines. */
  at(document: vscode.TextDocument, line: number): TodoComment | undefined {
    return this.inLines(document, Math.max(0, line - 50), line).find((todo) => todo.line <= line && line <= todo.endLine);
  }
}
