import * as vscode from 'vscode';
import { nextRefreshDelayMs } from './refreshDelay';
import { Disposable, Timer } from '../lifecycle';

/** A view shown again after this long refreshes at once. */
const VISIBLE_AGAIN_MS = 60_000;

/**
 * Refreshes on an interval (0 turns it off, and it is never shorter than
 * `MIN_REFRESH_SECONDS`) that backs off while the window is not focused and after
 * failures, and when the view becomes visible after a while.
 */
export class RefreshScheduler extends Disposable {
  private readonly timer = this.register(new Timer());
  private failures = 0;
  private lastRun = 0;

  constructor(
    private readonly refresh: () => Promise<boolean>,
    private readonly intervalSeconds: () => number,
    private readonly view: vscode.TreeView<unknown>,
  ) {
    super();
    this.register(vscode.window.onDidChangeWindowState(() => this.schedule()));
    this.register(
      view.onDidChangeVisibility(({ visible }) => {
        if (visible && Date.now() - this.lastRun > VISIBLE_AGAIN_MS) void this.run();
      }),
    );
  }

  /** Runs now and schedules the next run. */
  async run(): Promise<void> {
    this.timer.clear();
    this.lastRun = Date.now();
    // A run that throws counts as a failure; the schedule goes on either way.
    const ok = await this.refresh().catch(() => false);
    this.failures = ok ? 0 : this.failures + 1;
    this.schedule();
  }

  schedule(): void {
    this.timer.clear();
    if (!this.view.visible) return;
    const delay = nextRefreshDelayMs({ intervalSeconds: this.intervalSeconds(), lastRun: this.lastRun, now: Date.now(), focused: vscode.window.state.focused, failures: this.failures });
    if (delay !== undefined) this.timer.set(delay, () => void this.run());
  }
}
