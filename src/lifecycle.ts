import * as vscode from 'vscode';

/**
 * A thing that owns disposables: what it registers is disposed with it, once,
 * and what is registered after that is disposed at once.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(owned: T): T {
    if (this.disposed) owned.dispose();
    else this.owned.push(owned);
    return owned;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    vscode.Disposable.from(...this.owned.splice(0)).dispose();
  }
}

/** A timer that can be owned: cleared when its owner is disposed. */
export class Timer implements vscode.Disposable {
  private handle: ReturnType<typeof setTimeout> | undefined;

  /** Runs `run` after `ms`, instead of what was set before. */
  set(ms: number, run: () => void): void {
    this.clear();
    this.handle = setTimeout(run, ms);
  }

  clear(): void {
    clearTimeout(this.handle);
    this.handle = undefined;
  }

  dispose(): void {
    this.clear();
  }
}
