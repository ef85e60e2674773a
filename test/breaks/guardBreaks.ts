/**
 * Realistic one-line breaks of the extension's guards (a wrong character class,
 * a dropped condition, a first-only replace), each run against the fast suites
 * that should notice it. A break no test notices is a guard without a test.
 * It prints one line per break and a summary; it exits 1 when any break went
 * unnoticed. `npm run breaks [-- NAME...]`; the source is restored after each.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface GuardBreak {
  name: string;
  file: string;
  /** The text the break replaces: found exactly once in `file`. */
  find: string;
  replace: string;
  /** The suites that should notice it (unit files, or `browser` for the Chromium suite after a build). */
  suites: string[];
}

const unit = (...names: string[]) => names.map((name) => `test/unit/${name}.test.ts`);

export const GUARD_BREAKS: GuardBreak[] = [
  { name: 'markdown escape misses brackets', file: 'src/ui/safeText.ts', find: 'const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;', replace: 'const MARKDOWN_PUNCTUATION = /[!-/:-@{-~]/g;', suites: unit('safeText') },
  { name: 'theme icons escaped in lower case only', file: 'src/ui/safeText.ts', find: '(?:~[a-z0-9-]+)?\\))/gi;', replace: '(?:~[a-z0-9-]+)?\\))/g;', suites: unit('safeText') },
  { name: 'notification links defused first-only', file: 'src/ui/safeText.ts', find: "replace(/\\]\\(/g, '] (')", replace: "replace(/\\]\\(/, '] (')", suites: unit('safeText') },
  { name: 'line separators kept in one-line text', file: 'src/ui/safeText.ts', find: 'const LINE_BREAKS = /\\s*[\\r\\n\\u2028\\u2029]+\\s*/g;', replace: 'const LINE_BREAKS = /\\s*[\\r\\n]+\\s*/g;', suites: unit('safeText') },
  { name: 'command link arguments not fully encoded', file: 'src/ui/safeText.ts', find: ".replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)", replace: '', suites: unit('safeText') },
  { name: 'bidi override U+202E kept', file: 'src/shared/bidi.ts', find: '\\u202A-\\u202E', replace: '\\u202A-\\u202D', suites: [...unit('safeText'), 'browser'] },
  { name: 'web links of any scheme but javascript', file: 'src/shared/webLink.ts', find: "url.protocol === 'https:' || url.protocol === 'http:'", replace: "url.protocol !== 'javascript:'", suites: unit('guards', 'safeText') },
  { name: 'loopback check unanchored', file: 'src/api/baseUrl.ts', find: '/^127(\\.\\d{1,3}){3}$/', replace: '/^127(\\.\\d{1,3}){3}/', suites: unit('guards') },
  { name: 'localhost by prefix', file: 'src/api/baseUrl.ts', find: 'LOOPBACK_HOSTS.has(hostname) ||', replace: "hostname.startsWith('localhost') ||", suites: unit('guards') },
  { name: 'plain http allowed anywhere', file: 'src/api/baseUrl.ts', find: "if (url.protocol === 'https:') {", replace: "if (url.protocol === 'https:' || url.protocol === 'http:') {", suites: unit('guards') },
  { name: 'redirects followed to any path of the origin', file: 'src/api/http.ts', find: 'if (!target.href.startsWith(base)) {', replace: 'if (target.origin !== new URL(base).origin) {', suites: unit('redirects') },
  { name: 'a write redirected with 308 dropped', file: 'src/api/http.ts', find: "response.status !== 307 && response.status !== 308", replace: 'response.status !== 307', suites: unit('redirects') },
  { name: 'key redacted first-only', file: 'src/api/errors.ts', find: 'rest.split(form).join(REDACTED)', replace: 'rest.replace(form, REDACTED)', suites: unit('redaction') },
  { name: 'URL-safe base64 of the key not redacted', file: 'src/api/errors.ts', find: ", ...encoded.map((text) => text.replace(/\\+/g, '-').replace(/\\//g, '_'))", replace: '', suites: unit('redaction') },
  { name: 'key bound to the whole URL, not its origin', file: 'src/constants.ts', find: 'return origin && `${service}.apiKey@${origin}`;', replace: 'return origin && `${service}.apiKey@${baseUrl}`;', suites: unit('guards') },
  { name: 'scripts allowed inline', file: 'src/editor/editorPage.ts', find: "`script-src 'nonce-${assets.nonce}'`", replace: "`script-src 'nonce-${assets.nonce}' 'unsafe-inline'`", suites: unit('editorPage') },
  { name: 'no default-src', file: 'src/editor/editorPage.ts', find: `    "default-src 'none'",\n`, replace: '', suites: unit('editorPage') },
  { name: 'first state may close its script', file: 'src/editor/editorPage.ts', find: 'json.replace(/[<>&\\u2028\\u2029]/g,', replace: 'json.replace(/[>&\\u2028\\u2029]/g,', suites: [...unit('editorPage'), 'browser'] },
  { name: 'attribute quotes unescaped', file: 'src/editor/editorPage.ts', find: 'text.replace(/[&"<>]/g,', replace: 'text.replace(/[&<>]/g,', suites: unit('editorPage') },
  { name: 'server text as HTML in the webview', file: 'src/webview/dom.ts', find: 'textContent: withoutBidiControls(text)', replace: 'innerHTML: withoutBidiControls(text)', suites: ['browser'] },
  { name: 'forms allowed in the Markdown preview', file: 'src/webview/markdownRender.ts', find: "FORBID_TAGS: ['style', 'form', 'input', 'button']", replace: "FORBID_TAGS: ['style']", suites: ['browser'] },
  { name: 'unreadable reference formats accepted', file: 'src/todo/reference.ts', find: 'export const READABLE_FORMAT = /^\\{tag\\}', replace: 'export const READABLE_FORMAT = /\\{tag\\}', suites: unit('todoReference', 'manifest') },
  { name: 'the chunks loaded on first use left out of the package', file: '.vscodeignore', find: '!dist/chunks/*.mjs\n', replace: '', suites: unit('packaging') },
  { name: 'a line with a tag found on the line before it', file: 'src/todo/detect.ts', find: '      marks[line] = 1;', replace: '      marks[Math.max(0, line - 1)] = 1;', suites: unit('todoDetectWholeText') },
  { name: 'a line read with its carriage return', file: 'src/todo/detect.ts', find: "text: carriageReturns && text.endsWith('\\r')", replace: "text: false && text.endsWith('\\r')", suites: unit('todoDetectWholeText') },
  { name: 'a template expression\'s closing brace skipped', file: 'src/todo/commentLexer.ts', find: 'state.expressions.length > 0 ? -1 : OUTSIDE_EXPRESSIONS', replace: 'OUTSIDE_EXPRESSIONS', suites: unit('todoDetect', 'todoDetectStrings') },
  { name: 'a tag inside a word', file: 'src/todo/detect.ts', find: 'return new RegExp(`(?<![\\\\p{L}\\\\p{N}_])(', replace: 'return new RegExp(`(', suites: unit('todoDetect') },
  { name: 'an empty ID taken for a task', file: 'src/api/taskIds.ts', find: 'const PREFIXED_TASK_ID = /^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9]+$/;', replace: 'const PREFIXED_TASK_ID = /^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9]*$/;', suites: unit('taskIds', 'todoDetect', 'todoReference') },
  { name: 'idempotency key ignores what is sent', file: 'src/tasks/idempotencyKeys.ts', find: "return keyOf('update', [id, updatedAt ?? '', update]);", replace: "return keyOf('update', [id, updatedAt ?? '']);", suites: unit('idempotencyKeys') },
  { name: 'a 500 taken as a known outcome', file: 'src/api/errors.ts', find: "(error.kind === 'http' && (error.status ?? 0) >= 500)", replace: "(error.kind === 'http' && (error.status ?? 0) > 500)", suites: unit('clientResilience', 'concurrency', 'chaos') },
  { name: 'a key sent to an unsafe base URL', file: 'src/api/http.ts', find: "    if (unsafe) throw new ApiError({ kind: 'config', message: unsafe });\n", replace: '', suites: unit('clientResilience', 'guards') },
  { name: 'Retry-After read as milliseconds', file: 'src/api/retry.ts', find: 'retryAfterSeconds * 1000', replace: 'retryAfterSeconds', suites: unit('rateLimit', 'clientResilience') },
  { name: 'a date-time read as a day', file: 'src/shared/dueDates.ts', find: 'export const DUE_DAY = /^\\d{4}-\\d{2}-\\d{2}$/;', replace: 'export const DUE_DAY = /^\\d{4}-\\d{2}-\\d{2}/;', suites: unit('closeDays', 'closeDates') },
  { name: 'a day due from its start', file: 'src/shared/dueDates.ts', find: "return 'day' in due ? startOfDay(addDays(due.day, 1), zone) : due.at;", replace: "return 'day' in due ? startOfDay(due.day, zone) : due.at;", suites: unit('closeDays', 'grouping') },
  { name: 'overdue reckoned in UTC', file: 'src/tasks/grouping.ts', find: "return deadline(due, zone) <= now ?", replace: 'return deadline(due) <= now ?', suites: unit('closeDays', 'grouping') },
  { name: 'server text unquoted in agent answers', file: 'src/agent/toolText.ts', find: 'return JSON.stringify(cut).replace(', replace: 'return `"${cut}"`.replace(', suites: unit('agentAnswers') },
  { name: 'line separators raw in agent quotes', file: 'src/agent/toolText.ts', find: ".replace(/\\u2028/g, '\\\\u2028')", replace: '', suites: unit('agentAnswers') },
  { name: 'an agent due bound included', file: 'src/agent/taskSearch.ts', find: '(filter.dueBefore && day >= filter.dueBefore)', replace: '(filter.dueBefore && day > filter.dueBefore)', suites: unit('agentTaskSearch') },
  { name: 'a partly listed group answers from the store', file: 'src/tasks/taskStore.ts', find: '!group.listed || group.hasMore ||', replace: '!group.listed ||', suites: unit('agentTaskSearch') },
  { name: 'an agent cursor restarts its page', file: 'src/agent/taskSearch.ts', find: 'return { at: offset + index, skip };', replace: 'return { at: offset, skip };', suites: unit('agentTaskSearch') },
  { name: 'an HTML value\'s renderer loads before the form is usable', file: 'src/webview/markdown.ts', find: 'usable.then(loadRenderer).then(', replace: 'loadRenderer().then(', suites: ['browser'] },
  { name: 'a TODO scan opens a named pipe', file: 'src/todo/diskText.ts', find: 'stat.isFile() && stat.size <= maxBytes', replace: 'stat.size <= maxBytes', suites: unit('diskText') },
  { name: 'an agent due window read as UTC days', file: 'src/agent/taskSearch.ts', find: ' - 14 * HOUR).toISOString()', replace: ').toISOString()', suites: unit('agentTaskSearch') },
  { name: 'an agent task taken in every status listing', file: 'src/agent/taskSearch.ts', find: 'if (status && taskStatus(task) !== status) continue;', replace: '', suites: unit('agentTaskSearch') },
  { name: 'a lead search that ignores its text taken at its word', file: 'src/agent/lookups.ts', find: 'const named = found.filter((record) => record.name.toLocaleLowerCase().includes(lower));', replace: 'const named = found;', suites: unit('agentLookups') },
  { name: 'a day that does not exist rolled over', file: 'src/shared/dueDates.ts', find: '&& new Date(midnight).toISOString().startsWith(text) ?', replace: '?', suites: unit('agentLookups') },
  { name: 'a message changed and not in the l10n bundle', file: 'src/ui/describeError.ts', find: "'The service is rate-limiting requests; try again in a moment.'", replace: "'The service is rate limiting requests; try again in a moment.'", suites: unit('l10nBundle') },
  { name: 'a list that never moves on is read forever', file: 'src/api/paging.ts', find: 'return byId.size > before;', replace: 'return true;', suites: unit('closePaging', 'leastKind') },
];

function passes(suites: string[]): boolean {
  const files = suites.filter((suite) => suite !== 'browser');
  try {
    if (files.length > 0) execFileSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...files], { cwd: ROOT, stdio: 'pipe' });
    if (suites.includes('browser')) {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
      const browserFiles = readdirSync(join(ROOT, 'test', 'browser')).filter((name) => name.endsWith('.test.ts')).map((name) => `test/browser/${name}`);
      execFileSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...browserFiles], { cwd: ROOT, stdio: 'pipe' });
    }
    return true;
  } catch {
    return false;
  }
}

function main(): void {
  const only = process.argv.slice(2);
  const chosen = only.length ? GUARD_BREAKS.filter((each) => only.some((name) => each.name.includes(name))) : GUARD_BREAKS;
  const missed: string[] = [];
  // A suite that fails unbroken would "notice" every break.
  for (const suites of new Set(chosen.map((each) => each.suites.join(' ')))) {
    if (!passes(suites.split(' '))) throw new Error(`${suites} fails before any break`);
  }
  for (const each of chosen) {
    const path = join(ROOT, each.file);
    const original = readFileSync(path, 'utf8');
    if (original.split(each.find).length !== 2) throw new Error(`${each.name}: the text to break is not found exactly once in ${each.file}`);
    writeFileSync(path, original.replace(each.find, () => each.replace));
    let noticed: boolean;
    try {
      noticed = !passes(each.suites);
    } finally {
      writeFileSync(path, original);
    }
    console.log(`${noticed ? 'noticed ' : 'MISSED  '} ${each.name} (${each.file}; ${each.suites.join(', ')})`);
    if (!noticed) missed.push(each.name);
  }
  if (chosen.some((each) => each.suites.includes('browser'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  console.log(`guard breaks: ${chosen.length - missed.length} of ${chosen.length} noticed`);
  process.exitCode = missed.length ? 1 : 0;
}

main();
