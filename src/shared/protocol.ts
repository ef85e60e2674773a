/** Messages between the editor host and its webview, defined once for both sides. */
export type WebviewMessage = { type: 'ready' };
export type HostMessage = { type: 'show'; title: string };

export function isHostMessage(value: unknown): value is HostMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'show' && typeof (value as { title?: unknown }).title === 'string';
}
