/**
 * Lets the suites in the extension host act on the task editor's webview as a
 * user does: the host cannot reach the webview's document, but the launcher's
 * Chromium can. The suites ask over loopback HTTP (`POST /` with one action);
 * the launcher types, clicks and picks in the webview of the page the suites
 * run in, so every edit reaches the extension as the webview's own message.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { readBody } from '../server/http';

export const DRIVER_VARIABLE = 'LIGHTFIELD_TEST_WEBVIEW_DRIVER';

export const driverActionSchema = z.discriminatedUnion('action', [
  /** Types `text` into the input or textarea `selector` names. */
  z.object({ action: z.literal('fill'), selector: z.string(), text: z.string() }),
  z.object({ action: z.literal('click'), selector: z.string() }),
  /** Picks the option labelled `label` of a select, opening it first. */
  z.object({ action: z.literal('choose'), selector: z.string(), label: z.string() }),
  /** The text of the element `selector` names. */
  z.object({ action: z.literal('text'), selector: z.string() }),
  /** The label of the option a select shows as chosen. */
  z.object({ action: z.literal('chosen'), selector: z.string() }),
  /** What an input holds: its text, or `true`/`false` for a checkbox. */
  z.object({ action: z.literal('value'), selector: z.string() }),
  /** The choices inside `selector` (a select's options, a group's boxes), as JSON: `{ value, label, chosen }[]`. */
  z.object({ action: z.literal('options'), selector: z.string() }),
  /** The text of the workbench's own element `selector` names (a quick pick, a status bar item), once it shows. */
  z.object({ action: z.literal('workbench'), selector: z.string() }),
  /** The `data-key` of every element `selector` names, as JSON, without waiting for one. */
  z.object({ action: z.literal('keys'), selector: z.string() }),
]);
export type DriverAction = z.infer<typeof driverActionSchema>;

/** The task editor's document, inside the workbench's two webview frames. */
export const editorFrame = (page: Page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function perform(page: Page, action: DriverAction): Promise<string | undefined> {
  if (action.action === 'workbench') {
    const target = page.locator(action.selector).first();
    await target.waitFor({ timeout: 10_000 });
    return target.innerText();
  }
  const frame = editorFrame(page);
  if (action.action === 'keys') return JSON.stringify(await frame.locator(action.selector).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-key'))));
  const target = frame.locator(action.selector).first();
  await target.waitFor({ timeout: 10_000 });
  switch (action.action) {
    case 'fill':
      await target.fill(action.text);
      return undefined;
    case 'click':
      await target.click();
      return undefined;
    case 'choose':
      // From a select, or by ticking its box in a group of choices.
      if (await target.evaluate((node) => node instanceof HTMLSelectElement)) await target.selectOption({ label: action.label });
      else await target.locator('label', { hasText: action.label }).click();
      return undefined;
    case 'text':
      return target.innerText();
    case 'chosen':
      return target.evaluate((node) => (node instanceof HTMLSelectElement ? (node.selectedOptions[0]?.textContent ?? '') : ''));
    case 'value':
      return target.evaluate((node) => (node instanceof HTMLInputElement && node.type === 'checkbox' ? String(node.checked) : node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement ? node.value : ''));
    case 'options':
      return JSON.stringify(
        await target.locator('option, input[type=radio], input[type=checkbox]').evaluateAll((nodes) =>
          nodes.map((node) =>
            node instanceof HTMLOptionElement
              ? { value: node.value, label: node.textContent ?? '', chosen: node.selected }
              : { value: (node as HTMLInputElement).value, label: node.closest('label')?.textContent ?? '', chosen: (node as HTMLInputElement).checked },
          ),
        ),
      );
  }
}

export interface WebviewDriver {
  url: string;
  /** The page the suites run in; set once it is open. */
  page: Page | undefined;
  close(): Promise<void>;
}

export async function startWebviewDriver(): Promise<WebviewDriver> {
  const driver: WebviewDriver = { url: '', page: undefined, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    void (async () => {
      const parsed = driverActionSchema.safeParse(JSON.parse((await readBody(req)) || 'null'));
      const answer = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (!parsed.success || !driver.page) return answer(400, { error: parsed.success ? 'no page yet' : 'not an action' });
      try {
        answer(200, { text: await perform(driver.page, parsed.data) });
      } catch (error) {
        answer(500, { error: String(error) });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  driver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  driver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return driver;
}
