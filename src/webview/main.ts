/**
 * The browser side of the task editor. It knows nothing of HTTP or keys: it
 * announces itself, then renders what the host sends. The generated form arrives
 * with the task editor; this shell proves the bundle, CSP and handshake.
 */
import { type HostMessage, isHostMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root');

function render(message: HostMessage): void {
  if (!root) return;
  const heading = document.createElement('h1');
  heading.textContent = message.title;
  root.replaceChildren(heading);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) render(event.data);
});
vscode.postMessage({ type: 'ready' });
