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
  /** Strings that may span lines, open and close (raw strings, text blocks), longest first; their contents are never comments. */
  longStrings?: [string, string][];
  /** A quote that opens only a character literal, which closes within a few characters (Rust's `'a'`; `'static` is a lifetime). */
  charQuote?: string;
  /** Block comments nest (Rust, Swift, Kotlin, Scala, Haskell). */
  nestedBlocks?: boolean;
  /** A heredoc's opener, the word that ends it in group 2 (`<<EOF`, `<<-'EOF'`): its lines are text, never comments. */
  heredoc?: RegExp;
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'] };
const JS_LIKE: CommentSyntax = { ...C_LIKE, templates: true };
const HASH: CommentSyntax = { line: ['#'], block: [], quotes: ['"', "'"] };
const SHELL: CommentSyntax = { ...HASH, heredoc: /^<<-?\s*(['"]?)([A-Za-z_]\w*)\1/ };
/** Ruby's and Perl's heredocs name their end in capitals right after `<<` (`<<~SQL`), apart from `a << b`. */
const HASH_HEREDOC: CommentSyntax = { ...HASH, heredoc: /^<<[-~]?(['"]?)([A-Z_][A-Z0-9_]*)\1/ };
/** Java, Kotlin, C#, Scala, Swift, Dart and Groovy text blocks. */
const TEXT_BLOCKS: [string, string][] = [['"""', '"""']];
const RUST: CommentSyntax = {
  line: ['//'],
  block: [['/*', '*/']],
  quotes: [],
  // Every Rust string may span lines; raw ones end at as many `#` as they began with.
  longStrings: [['r###"', '"###'], ['r##"', '"##'], ['r#"', '"#'], ['br"', '"'], ['r"', '"'], ['"', '"']],
  charQuote: "'",
  nestedBlocks: true,
};
const NESTING_TEXT_BLOCKS: CommentSyntax = { ...C_LIKE, longStrings: TEXT_BLOCKS, nestedBlocks: true };
/** `.m`: Objective-C and MATLAB share the extension; both comment styles are read, and `'` (MATLAB's transpose) opens no string. */
const OBJECTIVE_C_OR_MATLAB: CommentSyntax = { line: ['//', '%'], block: [['/*', '*/']], quotes: ['"'] };
const RST: CommentSyntax = { line: ['..'], block: [], quotes: [] };
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
  haskell: { ...HASKELL, nestedBlocks: true },
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
  ruby: HASH_HEREDOC,
  shellscript: SHELL,
  perl: HASH_HEREDOC,
  r: HASH,
  yaml: HASH,
  toml: { ...HASH, longStrings: [['"""', '"""'], ["'''", "'''"]] },
  restructuredtext: RST,
  'objective-c-or-matlab': OBJECTIVE_C_OR_MATLAB,
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
for (const language of ['java', 'csharp', 'dart', 'groovy']) BY_LANGUAGE[language] = { ...C_LIKE, longStrings: TEXT_BLOCKS };
for (const language of ['kotlin', 'scala', 'swift']) BY_LANGUAGE[language] = NESTING_TEXT_BLOCKS;
BY_LANGUAGE.rust = RUST;
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
  py: 'python', pyi: 'python', rst: 'restructuredtext', jsonc: 'jsonc', rb: 'ruby', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', pl: 'perl', r: 'r', yml: 'yaml', yaml: 'yaml',
  toml: 'toml', ex: 'elixir', exs: 'elixir', jl: 'julia', sql: 'sql', lua: 'lua', hs: 'haskell', elm: 'elm', clj: 'clojure',
  lisp: 'lisp', scm: 'scheme', rkt: 'racket', ini: 'ini', tex: 'latex', m: 'objective-c-or-matlab', mm: 'objective-cpp', erl: 'erlang', css: 'css', scss: 'scss',
  less: 'less', html: 'html', htm: 'html', xml: 'xml', md: 'markdown', ps1: 'powershell', zig: 'zig', sol: 'solidity',
};

/** The language of a file path, or undefined for files that are not scanned (data, binaries). */
export function languageForPath(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (name === 'Dockerfile') return 'dockerfile';
  if (name === 'Makefile') return 'makefile';
  // JSON with comments: TypeScript's and JavaScript's project files, VS Code's own settings.
  if (/^(tsconfig|jsconfig)(\..*)?\.json$/i.test(name) || /^(settings|launch|tasks|extensions|devcontainer)\.json$/.test(name) || name === '.eslintrc.json') return 'jsonc';
  // Test inputs named `*.test` (sqllogictest, lit): their comments are read as the common ones.
  if (name.toLowerCase().endsWith('.test')) return 'plaintext-with-comments';
  const extension = name.includes('.') ? name.split('.').pop()?.toLowerCase() : undefined;
  return extension ? BY_EXTENSION[extension] : undefined;
}
