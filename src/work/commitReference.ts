import { Disposable } from '../lifecycle';
import type { ActiveWork } from './activeWork';
import { commitReferenceFor } from './referenceText';

/**
 * Puts the active task's reference into the Source Control message box when it
 * is empty (again after each commit), and takes back only what it put there:
 * never a word the user typed.
 */
export class CommitReference extends Disposable {
  /** What this put into the box last, so it can be replaced when the task changes. */
  private written: string | undefined;

  constructor(
    private readonly work: ActiveWork,
    private readonly template: () => string,
  ) {
    super();
    this.register(work.onDidChange(() => this.fill()));
    this.register(work.onDidChangeRepository(() => this.fill()));
    this.fill();
  }

  fill(): void {
    const box = this.work.repository?.inputBox;
    if (!box) return;
    const template = this.template();
    const active = this.work.active;
    const wanted = active && template ? commitReferenceFor(template, active) : '';
    const untouched = box.value.trim() === '' || box.value === this.written;
    if (!untouched || box.value === wanted) return;
    box.value = wanted;
    this.written = wanted || undefined;
  }
}
