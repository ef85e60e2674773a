/**
 * Deep lists without a deep `_skip`: Close caps `_skip` per resource (a 400
 * beyond it) and documents `date_created` windows for reading further. Lists are
 * read newest first (a stable `_order_by`), and each page after the first starts
 * where the one before ended: at or before its last task's creation, past the
 * tasks already read that were made at that same instant. So `_skip` stays small
 * however far a list goes.
 */

/** Where a page starts: made at or before `madeBy`, skipping `skip` of those. */
export interface ListWindow {
  madeBy: string;
  skip: number;
}

/** The lists remembered: enough for the tree's groups and a few searches. */
const REMEMBERED = 64;

export class ListWindows {
  private readonly windows = new Map<string, ListWindow>();

  /** Where the page of `list` (its filters, as text) at `offset` starts, if the page before it was read. */
  at(list: string, offset: number): ListWindow | undefined {
    return offset === 0 ? undefined : this.windows.get(`${offset} ${list}`);
  }

  /** Notes where the page after this one starts. */
  read(list: string, offset: number, window: ListWindow | undefined, made: readonly string[]): void {
    if (made.length === 0) return;
    const last = made[made.length - 1];
    let sameInstant = 0;
    while (sameInstant < made.length && made[made.length - 1 - sameInstant] === last) sameInstant++;
    // A page made all at one instant, the instant the window already starts at: those before it are skipped too.
    const skip = sameInstant === made.length && window?.madeBy === last ? window.skip + sameInstant : sameInstant;
    if (this.windows.size >= REMEMBERED) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(`${offset + made.length} ${list}`, { madeBy: last, skip });
  }
}
