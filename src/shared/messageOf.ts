/** The message of anything thrown: an Error's own, else its text. For the host and the webview alike. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
