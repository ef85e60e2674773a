/**
 * Unicode's bidirectional controls: the marks (U+061C, U+200E, U+200F), the
 * embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
 * In server text they reorder what is around them, so an override can make a
 * message or a label read backwards. No DOM and no `vscode`: the host's surfaces
 * and the editor webview share it.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` without its bidi controls: for text that is shown, never for a value the user edits. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
