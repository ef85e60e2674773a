import * as vscode from 'vscode';

/** Unfocused windows refresh this many times less often. */
const UNFOCUSED_FACTOR = 4;
/** A view shown again after this long refreshes at once. */
const VISIBLE_AGAIN_MS = 60_000;

/**
 * Refreshes on an interval (0 turns it off) that backs off while the window is
 * not focused and after failures, and when the view becomes visible after a while.
 */
export class RefreshScheduler implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private lastRun = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly refresh: () => Promise<boolean>,
    private readonly intervalSeconds: () => number,
    private readonly view: vscode.TreeView<unknown>,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeWindowState(() => this.schedule()),
      view.onDidChangeVisibility(({ visible }) => {
        if (visible && Date.now() - this.lastRun > VISIBLE_AGAIN_MS) void this.run();
      }),
    );
  }

  /** Runs now and schedules the next run. */
  async run(): Promise<void> {
    clearTimeout(this.timer);
    this.lastRun = Date.now();
    const ok = await this.refresh();
    this.failures = ok ? 0 : Math.min(this.failures + 1, 3);
    this.schedule();
  }

  schedule(): void {
    clearTimeout(this.timer);
    const seconds = this.intervalSeconds();
    if (seconds <= 0 || !this.view.visible) return;
    const factor = (vscode.window.state.focused ? 1 : UNFOCUSED_FACTOR) * 2 ** this.failures;
    const due = this.lastRun + seconds * 1000 * factor - Date.now();
    this.timer = setTimeout(() => void this.run(), Math.max(1000, due));
  }

  dispose(): void {
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
