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
  /** Where `line` starts in the text (line breaks are found only as far as asked), or undefined past its last line. */
  lineStart(line: number): number | undefined;
  /** The starts of the lines up to the one holding `position`, and of the line after it if there is one. */
  startsThrough(position: number): readonly number[];
}

export function textLines(source: string): TextLines {
  // A line's start is found when it is first asked for, and its text cut out when it is read: a scan reads a file up
  // to its last tag, and most of a file is never read.
  const starts: number[] = [0];
  let allFound = false;
  /** Finds the line starts up to the first past `position`, or to the last line. */
  const startsThrough = (position: number) => {
    if (allFound) return starts;
    // In locals while it runs: the closure's own variables cost a look-up on each line.
    let from = starts[starts.length - 1];
    while (from <= position) {
      const at = source.indexOf('\n', from);
      if (at < 0) {
        allFound = true;
        break;
      }
      from = at + 1;
      starts.push(from);
    }
    return starts;
  };
  const lineStart = (line: number) => {
    // One line further at a time: a line's start is found from the one before it.
    while (!allFound && starts.length <= line) startsThrough(starts[starts.length - 1]);
    return starts[line];
  };
  const carriageReturns = source.includes('\r');
  const lineAt = (line: number) => {
    if (line + 1 >= starts.length) lineStart(line + 1);
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : source.length;
    const text = source.slice(starts[line], end);
    return { text: carriageReturns && text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  return {
    get lineCount() {
      return startsThrough(source.length).length;
    },
    lineAt,
    whole: { source, lineStart, startsThrough },
  };
}

/** Whether the text has a line `line`, finding no more of its line breaks than that takes. */
function hasLine(lines: TextLines, line: number): boolean {
  return lines.whole ? lines.whole.lineStart(line) !== undefined : line < lines.lineCount;
}

/** Where `needle` is in the text, in order. */
function placesOf(source: string, needle: string): number[] {
  const places: number[] = [];
  if (needle) for (let at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + 1)) places.push(at);
  return places;
}

/** Marks the line of each of `places` (in order) among the first `count` lines, whose starts `starts` holds. */
function markLines(starts: readonly number[], count: number, places: readonly number[], marks: Uint8Array): void {
  let line = 0;
  for (const at of places) {
    while (line + 1 < count && starts[line + 1] <= at) line++;
    marks[line] = 1;
  }
}

/**
 * A mark on each of the first `count` lines of the text that holds one of `needles`, found with `indexOf` over the
 * text (a file is mostly lines with none); `starts` holds those lines' starts, and the next one's if there is one.
 */
function linesHolding(source: string, starts: readonly number[], count: number, needles: readonly string[]): Uint8Array {
  const marks = new Uint8Array(count);
  const end = count < starts.length ? starts[count] : source.length;
  for (const needle of needles) {
    if (!needle) continue;
    // The needle's places come in order: the line of each is found by walking on from the last one's.
    let line = 0;
    for (let at = source.indexOf(needle); at >= 0 && at < end; ) {
      while (line + 1 < count && starts[line + 1] <= at) line++;
      marks[line] = 1;
      // The line is marked: the needle's next place that counts is on a later line.
      if (line + 1 >= count) break;
      at = source.indexOf(needle, starts[line + 1]);
    }
  }
  return marks;
}

/**
 * The lines up to the last tag's, marked where they hold a tag and where they may open a comment or string; null
 * when the text holds no tag.
 */
function markedLines(whole: WholeText, tags: readonly string[], syntax: CommentSyntax): { tagged: Uint8Array; opening: Uint8Array } | null {
  // Found forwards (a backward search is many times slower): the last of them ends the lexing.
  const tagPlaces = tags.map((tag) => placesOf(whole.source, tag));
  let lastTag = -1;
  for (const places of tagPlaces) if (places.length > 0) lastTag = Math.max(lastTag, places[places.length - 1]);
  if (lastTag < 0) return null;
  const starts = whole.startsThrough(lastTag);
  const count = starts[starts.length - 1] <= lastTag ? starts.length : starts.length - 1;
  const tagged = new Uint8Array(count);
  for (const places of tagPlaces) markLines(starts, count, places, tagged);
  return { tagged, opening: linesHolding(whole.source, starts, count, openers(syntax)) };
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
  // With the whole text at hand, the lines with a tag and those that may open a comment or string are found in it at
  // once, up to the line of the last tag: nothing after it is read.
  const { whole } = lines;
  const marked = whole && markedLines(whole, options.tags, syntax);
  if (marked === null) return [];
  const { tagged, opening } = marked ?? {};
  const end = marked ? marked.tagged.length - 1 : lines.lineCount - 1;
  const holdsTag = (line: number) => (tagged ? tagged[line] === 1 : options.tags.some((tag) => lines.lineAt(line).text.includes(tag)));
  const opens = (line: number) => (opening ? opening[line] === 1 : mayOpen(lines.lineAt(line).text, syntax));
  let last = options.range ? Math.min(end, options.range.end) : end;
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
  for (let next = todo.line + 1; next <= todo.line + 50 && hasLine(lines, next); next++) {
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
