/**
 * The task editor for people who use a screen reader or a keyboard: axe-core
 * finds no violation (WCAG 2.1 A and AA, and its best practices) in the light and
 * the dark theme, hostile strings included; every control has a name; an error is
 * announced and tied to its control.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { FormModel } from '../../src/shared/form';
import HOSTILE from '../fixtures/hostile-strings.json';
import { fieldId, openEditorPage, sendToWebview, show, useSampleEditor } from './harness';

const AXE = readFileSync(join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The colours of VS Code's Light Modern and Dark Modern themes that the editor's stylesheet uses, as VS Code sets them on a webview: [light, dark]. */
const THEME_COLORS: Record<string, [string, string]> = {
  foreground: ['#3b3b3b', '#cccccc'],
  'editor-background': ['#ffffff', '#1f1f1f'],
  descriptionForeground: ['#3b3b3b', '#9d9d9d'],
  'input-background': ['#ffffff', '#313131'],
  'input-foreground': ['#3b3b3b', '#cccccc'],
  'input-border': ['#cecece', '#3c3c3c'],
  'input-placeholderForeground': ['#767676', '#989898'],
  'button-background': ['#005fb8', '#0078d4'],
  'button-foreground': ['#ffffff', '#ffffff'],
  'button-hoverBackground': ['#0258a8', '#026ec1'],
  'button-secondaryBackground': ['#e5e5e5', '#313131'],
  'button-secondaryForeground': ['#3b3b3b', '#cccccc'],
  'button-secondaryHoverBackground': ['#cccccc', '#3c3c3c'],
  'button-border': ['#0000001a', '#ffffff12'],
  'dropdown-background': ['#ffffff', '#313131'],
  'dropdown-foreground': ['#3b3b3b', '#cccccc'],
  'dropdown-border': ['#cecece', '#3c3c3c'],
  focusBorder: ['#005fb8', '#0078d4'],
  errorForeground: ['#f85149', '#f85149'],
  'textLink-foreground': ['#005fb8', '#4daafc'],
  'widget-border': ['#e5e5e5', '#313131'],
  'panel-border': ['#e5e5e5', '#2b2b2b'],
  'inputValidation-errorBorder': ['#be1100', '#be1100'],
  'inputValidation-errorBackground': ['#f2dede', '#5a1d1d'],
  'textCodeBlock-background': ['#f8f8f8', '#2b2b2b'],
  'settings-textInputBorder': ['#cecece', '#3c3c3c'],
};
const theme = (className: string, which: 0 | 1) => ({ className, colors: Object.fromEntries(Object.entries(THEME_COLORS).map(([name, pair]) => [name, pair[which]])) });
const THEMES = { light: theme('vscode-light', 0), dark: theme('vscode-dark', 1) };

// The form is built as the extension builds it: from what the Lightfield adapter reads of the local server.
const { browser, sample, form } = useSampleEditor();

async function useTheme(page: Page, theme: keyof typeof THEMES): Promise<void> {
  const { className, colors } = THEMES[theme];
  await page.evaluate(({ className, colors }) => {
    document.body.classList.remove('vscode-light', 'vscode-dark');
    document.body.classList.add(className);
    for (const [name, value] of Object.entries(colors)) document.documentElement.style.setProperty(`--vscode-${name}`, value);
    document.documentElement.style.setProperty('--vscode-font-family', 'sans-serif');
    document.documentElement.style.setProperty('--vscode-font-size', '13px');
    document.documentElement.style.setProperty('--vscode-editor-font-family', 'monospace');
  }, { className, colors });
}

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function violations(page: Page): Promise<Violation[]> {
  // Evaluated through the browser's debugging channel, which the page's CSP does not govern; the page itself still runs only its nonced script.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

function described(found: Violation[]): string {
  return found.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** A model with a hostile string as its title, labels and text values. */
function hostile(base: FormModel, text: string): FormModel {
  return {
    ...base,
    title: text,
    fields: base.fields.map((field) => ({ ...field, label: `${field.label} ${text}`, description: text })),
    values: Object.fromEntries(base.fields.map((field) => [field.key, field.valueType === 'TEXT' || field.valueType === 'MARKDOWN' ? text : base.values[field.key]])),
  };
}

describe('the task editor in the display language', () => {
  it('shows its words and its checks\' messages as VS Code\'s bundle translates them', async () => {
    const translations = { Save: 'Speichern', 'Open in {0}': 'In {0} öffnen', 'Required.': 'Pflichtfeld.' };
    const page = await openEditorPage(browser.context(), browser.harness(), undefined, translations);
    await show(page, { ...form({ task: sample.tasks[0] }), httpLink: 'https://app.example/t/1' });
    assert.equal((await page.locator('button.save').innerText()).trim(), 'Speichern');
    assert.equal((await page.locator('button.open-link').innerText()).trim(), 'In Lightfield öffnen');
    await page.locator(fieldId('$title')).fill('');
    assert.equal((await page.locator('[data-error-for="$title"]').innerText()).trim(), 'Pflichtfeld.');
    await page.close();
  });
});

describe('the task editor is accessible', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violation in the ${theme} theme, with an error shown and with hostile strings`, async () => {
      const page = await openEditorPage(browser.context(), browser.harness());
      await useTheme(page, theme);
      const base = form({ task: sample.tasks[0] });
      await show(page, base);
      assert.equal(described(await violations(page)), '', 'the form as it opens');
      const title = base.fields.find((field) => field.key === '$title');
      assert.ok(title);
      await sendToWebview(page, { type: 'saveResult', requestId: 1, ok: false, message: 'Lightfield refused the change.', errors: { $title: 'Title is required.' } });
      assert.equal(described(await violations(page)), '', 'with a field error and the banner');
      for (const text of HOSTILE.slice(0, 12)) {
        await show(page, hostile(base, text));
        assert.equal(described(await violations(page)), '', `with ${JSON.stringify(text.slice(0, 40))}`);
      }
      await page.close();
    });
  }

  it('ties an error to its control and announces it', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    await show(page, form({ task: sample.tasks[0] }));
    await sendToWebview(page, { type: 'saveResult', requestId: 1, ok: false, message: 'Lightfield refused the change.', errors: { $title: 'Title is required.' } });
    const control = page.locator(fieldId('$title'));
    assert.equal(await control.getAttribute('aria-invalid'), 'true');
    const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' | '), describedBy);
    assert.match(errorText, /Title is required\./);
    assert.equal(await page.locator('.banner').getAttribute('role'), 'alert');
    assert.equal(await page.locator('[data-error-for="$title"]').getAttribute('role'), 'alert');
    await page.close();
  });

  it('works from the keyboard: Tab reaches every control, and Save is reached and pressed without a mouse', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    const model = form({ task: sample.tasks[0] });
    await show(page, model);
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.field')?.dataset.key);
      if (key) reached.add(key);
    }
    const editable = model.fields.filter((field) => !field.readOnly).map((field) => field.key);
    assert.deepEqual(editable.filter((key) => !reached.has(key)), [], 'every editable field is reached with Tab');
    // Ctrl/Cmd+S is VS Code's own (the custom editor's save, checked in the real VS Code); the Save button works from the keyboard too.
    await page.locator(fieldId('$title')).focus();
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('save'))); i++) await page.keyboard.press('Shift+Tab');
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('save')), 'Shift+Tab from the first field reaches Save');
    await page.keyboard.press('Enter');
    assert.ok(await page.evaluate(() => window.__posted.some((message) => message.type === 'save')), 'Enter on Save asks the host to save');
    await page.close();
  });
});
