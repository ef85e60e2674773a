/**
 * The editor page as the extension builds it, with hostile server text in its
 * first state: the form must render from that state alone (no `show` message),
 * and every text a server gave must stay text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildForm } from '../../src/editor/formBuilder';
import { withoutBidiControls } from '../../src/shared/bidi';
import type { FormModel, FormValue } from '../../src/shared/form';
import type { ShowMessage } from '../../src/shared/protocol';
import { startLightfieldServer } from '../server/server';
import { clientFor } from '../support/lightfield';
import HOSTILE from '../fixtures/hostile-strings.json';
import { openEditorPage, useEditorBrowser } from './harness';

/** What Chromium's nonce guard looks for in a script's attributes, and what ends or reopens a script early. */
const MARKUP = [
  '<script',
  '<SCRIPT>',
  '<sCrIpT src="x">',
  '</script>',
  '</script><script>__canary()</script>',
  '<!--<script>',
  '<style>',
  '<sTyLe>main{display:none}</sTyLe>',
  '</style>',
  'Fix the `<script>` order in index.html',
  '<meta http-equiv="refresh" content="0;url=javascript:__canary()">',
];

let base: FormModel;

const browser = useEditorBrowser(
  () => startLightfieldServer({ tasks: 2, customFields: true, seed: 5 }),
  async (server) => {
    const client = clientFor(server);
    const description = await client.describeTasks();
    const members = await client.listMembers();
    const task = await client.getTask(server.index.listed()[0].id);
    base = buildForm({ description, members, task, serviceName: 'Lightfield' });
  },
);

/** `text` in every slot of the first state that a server fills: names, keys, options, values, errors, the banner. */
function hostileState(text: string): ShowMessage {
  const keyOf = (key: string) => `${key}${text}`;
  const values: Record<string, FormValue> = {};
  for (const field of base.fields) {
    const value = base.values[field.key] ?? null;
    values[keyOf(field.key)] = typeof value === 'string' ? `${value} ${text}` : Array.isArray(value) && field.kind === 'field' && !field.options ? [...value, text] : value;
  }
  const model: FormModel = {
    ...base,
    title: text,
    taskId: text,
    serviceName: text,
    httpLink: 'javascript:__canary()',
    fields: base.fields.map((field) => ({
      ...field,
      key: keyOf(field.key),
      label: text,
      description: text,
      options: field.options?.map((option) => ({ ...option, label: `${option.label} ${text}` })),
      currency: field.currency && text,
      handleService: field.handleService && text,
      idPrefix: field.idPrefix && text,
    })),
    values,
  };
  return { type: 'show', model, values, errors: Object.fromEntries(model.fields.map((field) => [field.key, text])), message: text };
}

async function rendered(page: Page): Promise<{ title: string | null; fields: number; errorsShown: number; banner: string | null }> {
  return page.evaluate(() => ({
    title: document.querySelector('.title')?.textContent ?? null,
    fields: document.querySelectorAll('.field').length,
    errorsShown: Array.from(document.querySelectorAll<HTMLElement>('.field-error')).filter((node) => !node.hidden).length,
    banner: document.querySelector('.banner')?.textContent ?? null,
  }));
}

describe('the editor page built with hostile server text in its first state', () => {
  it('renders the form from that state alone, for every hostile string in every server slot', async () => {
    for (const text of [...HOSTILE, ...MARKUP]) {
      const state = hostileState(text);
      const page = await openEditorPage(browser.context(), browser.harness(), state);
      const what = JSON.stringify(text.slice(0, 40));
      const shown = withoutBidiControls(text);
      assert.deepEqual(
        await rendered(page),
        { title: shown, fields: state.model.fields.length, errorsShown: state.model.fields.length, banner: shown },
        `the form rendered from its first state with ${what}`,
      );
      // The page's own script ran (Chromium drops its nonce when an attribute holds `<script`). Markup in an HTML
      // field's value is refused by the same CSP while it is sanitised (its handlers, its `<style>`): that is fine.
      const blocked = (await page.evaluate(() => window.__violations)).filter((violation) => /^script-src(-elem)? /.test(violation));
      assert.deepEqual(blocked, [], `no script blocked with ${what}`);
      const injected = await page.evaluate(() => document.querySelectorAll('body script:not([nonce]):not([type="application/json"]), main script, main img:not(.markdown-preview img), main iframe, main svg, main [onerror], main [onload], meta[http-equiv="refresh"]').length);
      assert.equal(injected, 0, `no markup came of ${what}`);
      assert.equal(await page.evaluate(() => window.__canaryFired), 0, `nothing ran from ${what}`);
      await page.close();
    }
  });

  it('shows server text without bidi controls, and keeps them in the values the user edits, isolated', async () => {
    const text = '\u202Eevil reversed text\u202C \u2066isolate\u2069 \u200Fmark';
    const state = hostileState(text);
    const page = await openEditorPage(browser.context(), browser.harness(), state);
    const found = await page.evaluate(() => {
      const bidi = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
      const shown = Array.from(document.querySelectorAll<HTMLElement>('main *'))
        .flatMap((node) => Array.from(node.childNodes).filter((child) => child.nodeType === Node.TEXT_NODE).map((child) => child.textContent ?? ''))
        .concat(Array.from(document.querySelectorAll<HTMLElement>('main [title], main [placeholder]')).flatMap((node) => [node.title, node.getAttribute('placeholder') ?? '']));
      const edited = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('main input[type="text"], main textarea'));
      return {
        shownWithBidi: shown.filter((each) => bidi.test(each)),
        editedWithBidi: edited.filter((each) => bidi.test(each.value)).length,
        editedNotIsolated: edited.filter((each) => each.dir !== 'auto').map((each) => each.id),
      };
    });
    assert.deepEqual(found.shownWithBidi, [], 'no shown text keeps a bidi control');
    assert.ok(found.editedWithBidi > 0, 'an edited value keeps its characters');
    assert.deepEqual(found.editedNotIsolated, [], 'every edited value runs in its own direction');
    await page.close();
  });

  it('says it is usable before a read-only HTML value\'s renderer loads, then shows the value rendered', async () => {
    assert.ok(base.fields.some((field) => field.valueType === 'HTML' && base.values[field.key]), 'the sample has an HTML value');
    const page = await openEditorPage(browser.context(), browser.harness(), { type: 'show', model: base, values: base.values, errors: {} });
    await page.locator('.read-only.markdown-preview b').first().waitFor();
    const times = await page.evaluate(() => ({
      ready: window.__posted.find((message) => message.type === 'ready')?.type === 'ready' ? (window.__posted.find((message) => message.type === 'ready') as { pageMs: number }).pageMs : NaN,
      renderer: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/markdown.js'))?.startTime ?? NaN,
    }));
    assert.ok(times.renderer >= times.ready, `the renderer (81 KB) was asked for at ${times.renderer} ms, before the form was usable at ${times.ready} ms`);
    await page.close();
  });
});
