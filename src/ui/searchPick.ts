import * as vscode from 'vscode';

const SEARCH_DELAY_MS = 250;

export interface SearchPickOptions<T extends vscode.QuickPickItem> {
  title?: string;
  placeholder: string;
  matchOnDescription?: boolean;
  /** Shown at once. */
  items: readonly T[];
  /**
   * The items for what the user typed (a while after they stop typing), or undefined
   * to keep those shown; `''` is searched at once when `searchAtOnce` is set.
   */
  search: (text: string) => Promise<readonly T[] | undefined>;
  searchAtOnce?: boolean;
}

/** A quick pick that asks a service as the user types; resolves with the accepted item. */
export function searchPick<T extends vscode.QuickPickItem>(options: SearchPickOptions<T>): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  quickPick.matchOnDescription = options.matchOnDescription ?? false;
  quickPick.items = options.items;
  // A walkthrough's button or a webview can take the focus back just after the command opened the picker
  // (seen in the real VS Code: the picker went inert, then hidden); it stays until accepted or dismissed.
  quickPick.ignoreFocusOut = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = '';
  const search = (text: string) => {
    quickPick.busy = true;
    options
      .search(text)
      .then((items) => {
        // An answer to an older text is dropped.
        if (items && text === latest) quickPick.items = items;
      })
      .catch(() => undefined)
      .finally(() => (quickPick.busy = false));
  };
  quickPick.onDidChangeValue((value) => {
    clearTimeout(timer);
    latest = value.trim();
    timer = setTimeout(() => search(latest), SEARCH_DELAY_MS);
  });
  if (options.searchAtOnce) search('');
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      clearTimeout(timer);
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
