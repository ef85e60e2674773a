/**
 * A comment lexer per language family, one line at a time: which parts of a
 * line are comments, carrying what stays open (a block comment, nested ones
 * included; a string that spans lines: a template, a raw string, a text block, a
 * heredoc) from one line to the next. Strings are never comments. No `vscode` here.
 */
import type { CommentSyntax } from './commentSyntax';

export interface Segment {
  start: number;
  end: number;
  /** The line-comment opener (for continuation lines), or undefined inside a block. */
  lineToken?: string;
  openerStart?: number;
  closerEnd?: number;
}

export interface LexState {
  /** Index of the open block comment, or -1. */
  block: number;
  /** How many block comments are open inside it, where they nest (Rust, Swift). */
  nested: number;
  /** An open template quote (backtick), or ''. */
  quote: string;
  /** The template expressions (`${…}`) open around the code being read, innermost last: the braces open inside each. */
  expressions: number[];
  /** What ends an open string that spans lines (`"#` of a raw string, `"""`), or ''. */
  longString: string;
  /** The word that ends an open heredoc on a line of its own, or ''. */
  heredoc: string;
}

export function freshState(): LexState {
  return { block: -1, nested: 0, quote: '', expressions: [], longString: '', heredoc: '' };
}

export function copyState(state: LexState): LexState {
  return { ...state, expressions: [...state.expressions] };
}

/** Whether nothing is open: a line without a tag or an opener can then be skipped. */
export function isQuiet(state: LexState): boolean {
  return state.block < 0 && !state.quote && state.expressions.length === 0 && !state.longString && !state.heredoc;
}

const openersBySyntax = new WeakMap<CommentSyntax, string[]>();

/** What opens a block or a string that spans lines: a line holding none of these leaves a quiet state quiet. */
export function openers(syntax: CommentSyntax): string[] {
  let found = openersBySyntax.get(syntax);
  if (!found) {
    found = ['`', ...syntax.block.map(([open]) => open), ...(syntax.longStrings ?? []).map(([open]) => open), ...(syntax.heredoc ? ['<<'] : [])];
    openersBySyntax.set(syntax, found);
  }
  return found;
}

/** Whether a line can change the lexer state: opens a block or a string that spans lines. */
export function mayOpen(text: string, syntax: CommentSyntax): boolean {
  return openers(syntax).some((opener) => text.includes(opener));
}

/** Where `closer` is, from `from` on; a one-character closer skips backslash escapes. -1 when it is not on the line. */
function findCloser(text: string, from: number, closer: string): number {
  if (closer.length > 1) return text.indexOf(closer, from);
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === closer) return i;
  }
  return -1;
}

/** In a template's text: where it ends (its backtick) or breaks into code (the `$` of `${`), or -1 past the line. */
function findTemplateBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '`' || (text[i] === '$' && text[i + 1] === '{')) return i;
  }
  return -1;
}

/** A character literal (`'a'`, `'\n'`, `'\u{1F600}'`) closes within a few characters; a lifetime (`'static`) does not. */
const CHAR_LITERAL = /^'(?:\\u\{[0-9a-fA-F]{1,6}\}|\\.|[^\\'])'/u;

/** What a character may start, as bits: the lexer tries only the openers that begin with it. */
const BLOCK = 1;
const LINE = 2;
const LONG_STRING = 4;
const HEREDOC = 8;
/** A quote, a template's backtick or a character literal's quote. */
const STRING = 16;
/** A brace: it matters only inside a template's `${…}`. */
const BRACE = 32;
const OUTSIDE_EXPRESSIONS = ~BRACE;

/**
 * Which characters may start a comment or string, or be a template expression's brace: their bits by char code,
 * one byte for each of the 65,536 UTF-16 code units, so the scan over a line is one look-up per character, no branch.
 */
export type CharTable = Uint8Array;

const tablesBySyntax = new WeakMap<CommentSyntax, CharTable>();

/** The syntax's table: a caller that lexes many lines looks it up once and hands it to `lexLine`. */
export function tableOf(syntax: CommentSyntax): CharTable {
  let table = tablesBySyntax.get(syntax);
  if (!table) {
    const found = new Uint8Array(0x10000);
    const mark = (char: string, bit: number) => {
      found[char.charCodeAt(0)] |= bit;
    };
    for (const [open] of syntax.block) mark(open, BLOCK);
    for (const token of syntax.line) mark(token, LINE);
    for (const [open] of syntax.longStrings ?? []) mark(open, LONG_STRING);
    if (syntax.heredoc) mark('<', HEREDOC);
    for (const quote of [...syntax.quotes, ...(syntax.charQuote ? [syntax.charQuote] : [])]) mark(quote, STRING);
    if (syntax.templates) for (const brace of '{}') mark(brace, BRACE);
    table = found;
    tablesBySyntax.set(syntax, table);
  }
  return table;
}

/** Where, from `from` on, a character with any of `wanted` bits is; -1 when none. Most of a line is skipped here. */
function nextInteresting(text: string, from: number, table: CharTable, wanted: number): number {
  for (let i = from; i < text.length; i++) if (table[text.charCodeAt(i)] & wanted) return i;
  return -1;
}

/** The first of `candidates` whose opener (`open` of each) starts at `i`, or -1. */
function openerAt(text: string, i: number, candidates: readonly (readonly [string, string])[]): number {
  for (let index = 0; index < candidates.length; index++) if (text.startsWith(candidates[index][0], i)) return index;
  return -1;
}

/** Inside an open block comment: the comment's part of the line, and whether the block (all its nested ones) closed. */
function inBlock(text: string, from: number, syntax: CommentSyntax, state: LexState): { end: number; closed: boolean } {
  const [opener, closer] = syntax.block[state.block];
  for (let i = from; ; ) {
    const close = text.indexOf(closer, i);
    const open = syntax.nestedBlocks ? text.indexOf(opener, i) : -1;
    if (open >= 0 && (close < 0 || open < close)) {
      state.nested += 1;
      i = open + opener.length;
      continue;
    }
    if (close < 0) return { end: text.length, closed: false };
    if (state.nested > 0) {
      state.nested -= 1;
      i = close + closer.length;
      continue;
    }
    state.block = -1;
    return { end: close, closed: true };
  }
}

/** The line comment opener at `i`, if any: `#` only at the line's start or after white space. */
function lineTokenAt(text: string, i: number, tokens: readonly string[]): string | undefined {
  for (const token of tokens) if (text.startsWith(token, i) && (token !== '#' || i === 0 || /\s/.test(text[i - 1]))) return token;
  return undefined;
}

/**
 * Advances the lexer state across one line, adding the line's comment segments to
 * `segments` when given: a line without a tag needs only the state, so nothing is made for it.
 */
export function lexLine(text: string, syntax: CommentSyntax, state: LexState, segments?: Segment[], table: CharTable = tableOf(syntax)): void {
  if (state.heredoc) {
    if (text.trim() === state.heredoc) state.heredoc = '';
    return;
  }
  const longStrings = syntax.longStrings ?? [];
  let i = 0;
  let openerStart: number | undefined;
  while (i < text.length) {
    if (state.block >= 0) {
      const closer = syntax.block[state.block][1];
      const { end, closed } = inBlock(text, i, syntax, state);
      segments?.push({ start: i, end, openerStart, closerEnd: closed ? end + closer.length : undefined });
      openerStart = undefined;
      if (!closed) return;
      i = end + closer.length;
      continue;
    }
    if (state.longString) {
      const close = findCloser(text, i, state.longString);
      if (close < 0) return;
      i = close + state.longString.length;
      state.longString = '';
      continue;
    }
    if (state.quote) {
      const close = syntax.templates ? findTemplateBreak(text, i) : findCloser(text, i, state.quote);
      if (close < 0) return;
      state.quote = '';
      if (text[close] === '$') {
        // `${`: code again until its closing brace.
        state.expressions.push(0);
        i = close + 2;
      } else i = close + 1;
      continue;
    }
    // Plain code in between: jump to the next character that may open a comment or a string (or close a template expression).
    i = nextInteresting(text, i, table, state.expressions.length > 0 ? -1 : OUTSIDE_EXPRESSIONS);
    if (i < 0) return;
    const bits = table[text.charCodeAt(i)];
    const long = bits & LONG_STRING ? openerAt(text, i, longStrings) : -1;
    if (long >= 0) {
      // Before comments: `r#"` is a string, and `"""` before `"`.
      state.longString = longStrings[long][1];
      i += longStrings[long][0].length;
      continue;
    }
    const opened = bits & BLOCK ? openerAt(text, i, syntax.block) : -1;
    if (opened >= 0) {
      state.block = opened;
      state.nested = 0;
      openerStart = i;
      i += syntax.block[opened][0].length;
      continue;
    }
    const token = bits & LINE ? lineTokenAt(text, i, syntax.line) : undefined;
    if (token) {
      segments?.push({ start: i + token.length, end: text.length, lineToken: token, openerStart: i });
      return;
    }
    const heredoc = bits & HEREDOC ? syntax.heredoc?.exec(text.slice(i)) : null;
    if (heredoc) {
      // The rest of this line is code; the heredoc's text starts on the next.
      state.heredoc = heredoc[2];
      i += heredoc[0].length;
      continue;
    }
    const char = text[i];
    const depth = state.expressions.length;
    if (depth > 0 && (char === '{' || char === '}')) {
      if (char === '{') state.expressions[depth - 1] += 1;
      else if (state.expressions[depth - 1] > 0) state.expressions[depth - 1] -= 1;
      else {
        // The `}` that closes `${`: back in the template's text.
        state.expressions.pop();
        state.quote = '`';
      }
      i += 1;
      continue;
    }
    if (char === '`' && syntax.templates) {
      state.quote = '`';
      i += 1;
      continue;
    }
    if (char === syntax.charQuote) {
      i += CHAR_LITERAL.exec(text.slice(i, i + 12))?.[0].length ?? 1;
      continue;
    }
    if (syntax.quotes.includes(char)) {
      const close = findCloser(text, i + 1, char);
      if (close < 0) {
        // Only template literals run on across lines; an unclosed quote otherwise ends at the line.
        if (char === '`') state.quote = '`';
        return;
      }
      i = close + 1;
      continue;
    }
    i += 1;
  }
}
