/** Comment and string syntax by VS Code language ID. No `vscode` here. */

export interface CommentSyntax {
  /** Line comment openers. `#` counts only at the start of a line or after white space. */
  line: string[];
  /** Block comment (and docstring) delimiters, open and close. */
  block: [string, string][];
  /** String quote characters, whose contents are never comments. */
  quotes: string[];
  /** Backtick strings hold `${…}` code, which may hold comments and strings of its own (JavaScript's templates). */
  templates?: boolean;
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'] };
const JS_LIKE: CommentSyntax = { ...C_LIKE, templates: true };
const HASH: CommentSyntax = { line: ['#'], block: [], quotes: ['"', "'"] };
const PYTHON: CommentSyntax = { line: ['#'], block: [['"""', '"""'], ["'''", "'''"]], quotes: ['"', "'"] };
const MARKUP: CommentSyntax = { line: [], block: [['<!--', '-->']], quotes: [] };
const SQL: CommentSyntax = { line: ['--'], block: [['/*', '*/']], quotes: ["'", '"'] };
const LUA: CommentSyntax = { line: ['--'], block: [['--[[', ']]']], quotes: ['"', "'"] };
const HASKELL: CommentSyntax = { line: ['--'], block: [['{-', '-}']], quotes: ['"'] };
const LISP: CommentSyntax = { line: [';'], block: [], quotes: ['"'] };
const PERCENT: CommentSyntax = { line: ['%'], block: [], quotes: [] };
const CSS: CommentSyntax = { line: [], block: [['/*', '*/']], quotes: ['"', "'"] };
const SCSS: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'"] };

const BY_LANGUAGE: Record<string, CommentSyntax> = {
  python: PYTHON,
  html: MARKUP,
  xml: MARKUP,
  markdown: MARKUP,
  svg: MARKUP,
  sql: SQL,
  lua: LUA,
  haskell: HASKELL,
  elm: HASKELL,
  ada: { line: ['--'], block: [], quotes: ['"'] },
  clojure: LISP,
  lisp: LISP,
  scheme: LISP,
  racket: LISP,
  ini: { line: [';', '#'], block: [], quotes: [] },
  latex: PERCENT,
  tex: PERCENT,
  matlab: PERCENT,
  erlang: PERCENT,
  prolog: { line: ['%'], block: [['/*', '*/']], quotes: ['"', "'"] },
  css: CSS,
  scss: SCSS,
  less: SCSS,
  ruby: HASH,
  shellscript: HASH,
  perl: HASH,
  r: HASH,
  yaml: HASH,
  toml: HASH,
  dockerfile: HASH,
  makefile: HASH,
  powershell: { line: ['#'], block: [['<#', '#>']], quotes: ['"', "'"] },
  elixir: HASH,
  coffeescript: HASH,
  julia: HASH,
  nim: HASH,
};

const C_LIKE_LANGUAGES = [
  'java', 'c', 'cpp', 'csharp', 'go', 'rust', 'swift',
  'kotlin', 'scala', 'php', 'dart', 'jsonc', 'groovy', 'objective-c', 'objective-cpp', 'fsharp', 'zig', 'solidity',
];
for (const language of C_LIKE_LANGUAGES) BY_LANGUAGE[language] = C_LIKE;
for (const language of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte']) BY_LANGUAGE[language] = JS_LIKE;

/** Unknown languages: the common `//`, `#` and `/* *\/`. */
const FALLBACK: CommentSyntax = { line: ['//', '#'], block: [['/*', '*/']], quotes: ['"', "'"] };

export function syntaxFor(languageId: string): CommentSyntax {
  return BY_LANGUAGE[languageId] ?? FALLBACK;
}

/** Language IDs by file extension, for files scanned without opening them. */
const BY_EXTENSION: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript',
  jsx: 'javascriptreact', java: 'java', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp', go: 'go', rs: 'rust',
  swift: 'swift', kt: 'kotlin', kts: 'kotlin', scala: 'scala', php: 'php', dart: 'dart', groovy: 'groovy', vue: 'vue', svelte: 'svelte',
  py: 'python', rb: 'ruby', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', pl: 'perl', r: 'r', yml: 'yaml', yaml: 'yaml',
  toml: 'toml', ex: 'elixir', exs: 'elixir', jl: 'julia', sql: 'sql', lua: 'lua', hs: 'haskell', elm: 'elm', clj: 'clojure',
  lisp: 'lisp', scm: 'scheme', rkt: 'racket', ini: 'ini', tex: 'latex', m: 'matlab', erl: 'erlang', css: 'css', scss: 'scss',
  less: 'less', html: 'html', htm: 'html', xml: 'xml', md: 'markdown', ps1: 'powershell', zig: 'zig', sol: 'solidity',
};

/** The language of a file path, or undefined for files that are not scanned (data, binaries). */
export function languageForPath(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (name === 'Dockerfile') return 'dockerfile';
  if (name === 'Makefile') return 'makefile';
  const extension = name.includes('.') ? name.split('.').pop()?.toLowerCase() : undefined;
  return extension ? BY_EXTENSION[extension] : undefined;
}
