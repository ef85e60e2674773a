import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { commandLinkTarget, iconText, labelText, markdownText, notificationText, tabTitle } from '../../src/ui/safeText';

const ROOT = resolve(__dirname, '..', '..');
// A copy of shared/hostile-strings.json, so the suite runs without the shared folder beside the repo.
const HOSTILE: string[] = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'hostile-strings.json'), 'utf8')) as string[];
const COMMAND_LINKS = [
  '[Retry](command:workbench.action.terminal.new?{"config":{"executable":"/usr/bin/touch"}})',
  'Failed [set key](command:lightfield.setApiKey?["sk_lf_attacker"]) now',
  '[a]](command:x) [b](https://evil.example) [c](file:///etc/passwd "title")',
  '[nested [x](command:y)](command:z)',
];
const SAMPLES = [...HOSTILE, ...COMMAND_LINKS, '$(alert) $(loading~spin) \\$(key) $(not an icon)', 'a\u202Eb\u202Dc\u2066d\u2069e\u202Af\u202Bg\u202Ch\u2067i\u2068j'];
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** What VS Code does in notifications and dialogs (vs/base/common/linkedText.ts): these become links. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** What VS Code's renderLabelWithIcons does: the icons an unescaped `$(name)` turns into. */
function renderedIcons(text: string): string[] {
  return [...text.matchAll(/(\\)?\$\(([a-z0-9-]+(?:~[a-z0-9-]+)?)\)/gi)].filter((m) => !m[1]).map((m) => m[2]);
}

/** The text renderLabelWithIcons shows for `text`, escapes removed. */
function shownWithIcons(text: string): string {
  return text.replace(/(\\)?\$\(([a-z0-9-]+(?:~[a-z0-9-]+)?)\)/gi, (_match, escaped: string | undefined, name: string) => (escaped ? `$(${name})` : `<icon ${name}>`));
}

describe('notificationText: no link in a notification or dialog', () => {
  it('leaves no command, web or file link in any hostile string, and no bidi control', () => {
    for (const text of SAMPLES) {
      const safe = notificationText(text);
      assert.equal(safe.match(NOTIFICATION_LINK), null, `a link survives in ${safe}`);
      assert.doesNotMatch(safe, BIDI);
      assert.doesNotMatch(safe, /[\r\n]/);
    }
  });

  it('keeps the words readable', () => {
    assert.equal(notificationText('[Retry](command:x)'), '[Retry] (command:x)');
    assert.equal(notificationText('plain text: 50% (about) [draft]'), 'plain text: 50% (about) [draft]');
  });
});

describe('iconText: no icon in a quick pick, CodeLens or status bar text', () => {
  it('renders no icon from any hostile string, and shows it as written', () => {
    for (const text of SAMPLES) {
      const safe = iconText(text);
      assert.deepEqual(renderedIcons(safe), [], `an icon renders from ${safe}`);
      assert.doesNotMatch(safe, BIDI);
      assert.doesNotMatch(safe, /[\r\n]/);
    }
    assert.equal(shownWithIcons(iconText('$(alert) urgent')), '$(alert) urgent');
    assert.equal(shownWithIcons(iconText('keep \\$(key) as is')), 'keep \\$(key) as is');
    assert.equal(shownWithIcons(iconText('$(loading~spin)')), '$(loading~spin)');
    // VS Code reads icon names in any case.
    assert.equal(iconText('fix $(Bug) and $(ALERT)'), 'fix \\$(Bug) and \\$(ALERT)');
  });
});

describe('labelText: tree labels', () => {
  it('removes bidi controls and line breaks, and nothing else', () => {
    assert.equal(labelText('\u202Eevil reversed text\u202C normal'), 'evil reversed text normal');
    assert.equal(labelText('line one\nline two\r\nline three'), 'line one line two line three');
    assert.equal(labelText('line one\u2028line two\u2029line three'), 'line one line two line three');
    assert.equal(labelText('😀 emoji and مرحبا Arabic'), '😀 emoji and مرحبا Arabic');
  });
});

describe('markdownText: text inside a MarkdownString', () => {
  it('escapes every character that could start a link, an autolink, HTML, emphasis or a heading', () => {
    for (const text of SAMPLES) {
      const safe = markdownText(text);
      assert.doesNotMatch(safe, /(^|[^\\])[[\]()<>*_`#!]/, `unescaped markdown in ${safe}`);
      assert.doesNotMatch(safe, /https?:\/\//, 'an autolink survives');
      assert.doesNotMatch(safe, BIDI);
    }
    assert.equal(markdownText('www.evil.example'), 'www\\.evil\\.example');
  });
});

describe('tabTitle and commandLinkTarget', () => {
  it('cuts a 20,000-character title to a tab-sized one', () => {
    const title = tabTitle('A'.repeat(20_000));
    assert.ok(title.length <= 60, `${title.length} characters`);
    assert.ok(title.endsWith('…'));
    assert.equal(tabTitle('Short title'), 'Short title');
  });

  it('encodes every character that could end a Markdown link target', () => {
    const target = commandLinkTarget('lightfield.openTask', ['tsk_1) [x](command:evil "t"']);
    assert.match(target, /^command:lightfield\.openTask\?[A-Za-z0-9%._~-]+$/);
    assert.deepEqual(JSON.parse(decodeURIComponent(target.split('?')[1])), ['tsk_1) [x](command:evil "t"']);
  });
});

describe('no notification is built outside the one module that neutralises it', () => {
  const SOURCE = join(ROOT, 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

  it('calls show*Message and setStatusBarMessage only in src/ui/notify.ts', () => {
    const offenders = files(SOURCE)
      .filter((file) => relative(ROOT, file) !== join('src', 'ui', 'notify.ts'))
      .filter((file) => /\b(showErrorMessage|showWarningMessage|showInformationMessage|setStatusBarMessage)\b/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((file) => relative(ROOT, file)), []);
  });

  it('never uses MarkdownString.appendText (its escaping depends on supportThemeIcons) nor turns theme icons on', () => {
    const offenders = files(SOURCE).filter((file) => /\.appendText\(|supportThemeIcons\s*=\s*true|new vscode\.MarkdownString\([^)]*,\s*true/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((file) => relative(ROOT, file)), []);
  });
});
