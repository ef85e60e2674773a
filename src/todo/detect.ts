/**
 * Finds TODO-style comments: tags as whole words inside comments (never inside
 * string literals), the text after them with continuation lines joined, and the
 * task reference a tracked one carries. No `vscode` here.
 */
import { isPrefixedTaskId } from '../api/taskIds';
import { copyState, freshState, isQuiet, type LexState, lexLine, mayOpen, openers, type Segment, tableOf } from './commentLexer';
import type { CommentSyntax } from './commentSyntax';
import type { ReferenceFormat } from './reference';

export interface TodoComment {
  /** Line of the tag (0-based). */
  line: number;
  /** Last line of the comment's text, continuation lines included. */
  endLine: number;
  tag: string;
  /** Columns of the tag, and of its reference when there is one: what a rewrite replaces. */
  tagStart: number;
  tagEnd: number;
  text: string;
  /** The task ID in `TODO(<id>)`, if the comment is tracked. */
  reference?: string;
  /** Where the comment starts on the tag's line (its opener), if it starts there. */
  openerStart?: number;
  /** Where a block comment ends on the tag's line (after its closer), if it ends there. */
  closerEnd?: number;
  /** A line comment (`//`, `#`, ...) rather than a block. */
  lineComment: boolean;
}

/** Lines read on demand: a `vscode.TextDocument` is one, and `textLines` makes one of a string. */
export interface TextLines {
  readonly lineCount: number;
  lineAt(line: number): { readonly text: string };
  /** The whole text and where each line starts in it, where it is at hand: the lines with a tag or an opener are then found in it at once. */
  readonly whole?: WholeText;
}

interface WholeText {
  readonly source: string;
  readonly lineStarts: readonly number[];
}

export function textLines(source: string): TextLines {
  // Only the lines' starts up front: a line's text is cut out when it is read, and most are never read.
  const lineStarts: number[] = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const carriageReturns = source.includes('\r');
  const lineAt = (line: number) => {
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : source.length;
    const text = source.slice(lineStarts[line], end);
    return { text: carriageReturns && text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  return { lineCount: lineStarts.length, lineAt, whole: { source, lineStarts } };
}

/** A mark on each line of the text that holds one of `needles`, found with `indexOf` over the whole text (a file is mostly lines with none). */
function linesHolding({ source, lineStarts: starts }: WholeText, needles: readonly string[]): Uint8Array {
  const marks = new Uint8Array(starts.length);
  for (const needle of needles) {
    if (!needle) continue;
    // The needle's places come in order: the line of each is found by walking on from the last one's.
    let line = 0;
    for (let at = source.indexOf(needle); at >= 0; ) {
      while (line + 1 < starts.length && starts[line + 1] <= at) line++;
      marks[line] = 1;
      // The line is marked: the needle's next place that counts is on a later line.
      if (line + 1 >= starts.length) break;
      at = source.indexOf(needle, starts[line + 1]);
    }
  }
  return marks;
}

export interface DetectOptions {
  tags: readonly string[];
  /** The configured reference format, read besides the default `TAG(id)`. */
  reference?: ReferenceFormat;
  /** Whether a name in a reference is a task ID (a prefixed one by default; the service's learned shape besides). */
  isTaskId?: (id: string) => boolean;
  /** Only comments whose tag is on these lines (inclusive); all when absent. */
  range?: { start: number; end: number };
}

/** A tag as it reads, inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patternsByTags = new WeakMap<readonly string[], RegExp>();

/** The tags as whole words, with a parenthesised reference after them: built once per list of tags (the same array until the setting changes). */
function tagPattern(tags: readonly string[]): RegExp {
  let pattern = patternsByTags.get(tags);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${tags.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])(?:\\(([^()\\s]*)\\))?`, 'gu');
    patternsByTags.set(tags, pattern);
  }
  return pattern;
}

/** A continuation's own text: a block line loses its leading `*`. */
function continuationText(text: string, segment: Segment): string {
  const body = text.slice(segment.start, segment.end).trim();
  return segment.lineToken ? body : body.replace(/^\*+\s?/, '').trim();
}

export function findTodos(lines: TextLines, syntax: CommentSyntax, options: DetectOptions): TodoComment[] {
  if (options.tags.length === 0) return [];
  const pattern = tagPattern(options.tags);
  const isTaskId = options.isTaskId ?? isPrefixedTaskId;
  const first = options.range ? safeStart(lines, syntax, options.range.start) : 0;
  // With the whole text at hand, the lines with a tag and those that may open a comment or string are found in it at once.
  const { whole } = lines;
  const [tagged, opening] = whole ? [linesHolding(whole, options.tags), linesHolding(whole, openers(syntax))] : [];
  const holdsTag = (line: number) => (tagged ? tagged[line] === 1 : options.tags.some((tag) => lines.lineAt(line).text.includes(tag)));
  const opens = (line: number) => (opening ? opening[line] === 1 : mayOpen(lines.lineAt(line).text, syntax));
  let last = options.range ? Math.min(lines.lineCount - 1, options.range.end) : lines.lineCount - 1;
  // Nothing after the last line with a tag holds a TODO: the lexer stops there.
  while (last >= first && !holdsTag(last)) last--;
  const state = freshState();
  const table = tableOf(syntax);
  const found: TodoComment[] = [];
  for (let line = first; line <= last; line++) {
    const hasTag = holdsTag(line);
    // Most lines hold no tag and cannot open a comment or string: skip the lexer for them.
    if (!hasTag && isQuiet(state) && !opens(line)) continue;
    const { text } = lines.lineAt(line);
    const segments: Segment[] | undefined = hasTag ? [] : undefined;
    lexLine(text, syntax, state, segments, table);
    if (!segments || (options.range && line < options.range.start)) continue;
    for (const segment of segments) {
      pattern.lastIndex = 0;
      const body = text.slice(segment.start, segment.end);
      const match = pattern.exec(body);
      if (!match) continue;
      const tagStart = segment.start + match.index;
      const tagEnd = tagStart + match[0].length;
      const rest = text.slice(tagEnd, segment.end).replace(/^\s*:?\s*/, '').trim();
      const todo: TodoComment = {
        line,
        endLine: line,
        tag: match[1],
        tagStart,
        tagEnd,
        text: rest,
        openerStart: segment.openerStart,
        closerEnd: segment.closerEnd,
        lineComment: segment.lineToken !== undefined,
      };
      const configured = options.reference?.readAt(text, tagStart, match[1], isTaskId);
      if (configured) {
        todo.reference = configured.id;
        todo.tagEnd = configured.end;
        todo.text = text.slice(configured.end, segment.end).replace(/^\s*:?\s*/, '').trim();
      } else if (match[2] && isTaskId(match[2])) todo.reference = match[2];
      else if (match[2] !== undefined) {
        // A parenthesised name such as TODO(alice): keep it in the text, rewrite only the tag.
        todo.tagEnd = tagStart + match[1].length;
        todo.text = text.slice(todo.tagEnd, segment.end).replace(/^\s*:?\s*/, '').trim();
      }
      joinContinuations(lines, syntax, todo, segment, pattern, state);
      found.push(todo);
      break;
    }
  }
  return found;
}

/**
 * A commented-out line of code, not prose: it ends in `;`, `{` or `}`, opens with a
 * statement keyword, is an assignment, or is one call. The TODO's text stops before it.
 */
const CODE_LINE = /[;{}]\s*$|^(?:case\b|return\b|break\b|if\s*\(|for\s*\(|while\s*\(|switch\s*\(|const\s|let\s|var\s|function\b|import\s|export\s|class\s|def\s|[\w.$[\]]+\s*=[^=>]|[\w.$]+\(.*\)\s*;?$)/;

/** Appends the following lines of the same comment to the TODO's text, up to a new tag or commented-out code. */
function joinContinuations(lines: TextLines, syntax: CommentSyntax, todo: TodoComment, segment: Segment, pattern: RegExp, state: LexState): void {
  if (!segment.lineToken && state.block < 0) return;
  const column = lines.lineAt(todo.line).text.indexOf(segment.lineToken ?? '');
  const probe: LexState = copyState(state);
  for (let next = todo.line + 1; next < lines.lineCount && next <= todo.line + 50; next++) {
    const { text } = lines.lineAt(next);
    if (segment.lineToken) {
      const indent = text.length - text.trimStart().length;
      if (indent !== column || !text.startsWith(segment.lineToken, indent)) return;
    } else if (probe.block < 0) {
      return;
    }
    const segments: Segment[] = [];
    lexLine(text, syntax, probe, segments);
    const [own] = segments;
    if (!own) return;
    const body = continuationText(text, own);
    pattern.lastIndex = 0;
    if (!body || pattern.test(body) || CODE_LINE.test(body)) return;
    todo.text = todo.text ? `${todo.text} ${body}` : body;
    todo.endLine = next;
  }
}

/** Where to start lexing so that `line` is read in the right state: the nearest earlier line that may open a block. */
function safeStart(lines: TextLines, syntax: CommentSyntax, line: number): number {
  for (let i = Math.min(line, lines.lineCount - 1); i >= 0; i--) {
    if (mayOpen(lines.lineAt(i).text, syntax)) return i;
  }
  return Math.max(0, line);
}

export interface LineRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * What to delete to remove a TODO comment: whole lines when the comment stands
 * alone on them, only the comment when it trails code. Inside a larger block
 * comment, only the TODO's own lines go.
 */
export function removalRange(lines: TextLines, todo: TodoComment): LineRange {
  const first = lines.lineAt(todo.line).text;
  const from = todo.openerStart ?? 0;
  const before = first.slice(0, from);
  const wholeBlockHere = !todo.lineComment && todo.openerStart !== undefined && todo.closerEnd !== undefined;
  const after = wholeBlockHere ? first.slice(todo.closerEnd) : '';
  const ownsLines = before.trim() === '' && after.trim() === '' && (todo.lineComment || wholeBlockHere || todo.openerStart === undefined);
  if (ownsLines) {
    const nextLine = todo.endLine + 1;
    return nextLine < lines.lineCount
      ? { startLine: todo.line, startColumn: 0, endLine: nextLine, endColumn: 0 }
      : { startLine: todo.line, startColumn: 0, endLine: todo.endLine, endColumn: lines.lineAt(todo.endLine).text.length };
  }
  // A trailing comment: from the end of the code before it to the end of the comment.
  const start = before.trimEnd().length;
  const end = wholeBlockHere ? (todo.closerEnd as number) : first.length;
  return { startLine: todo.line, startColumn: start, endLine: todo.line, endColumn: end };
}
