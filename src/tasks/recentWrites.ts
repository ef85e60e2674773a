/**
 * Our own recent writes, over lists that lag behind them (a search index): a
 * task written here shows as written until a full refresh lists it caught up,
 * or for ten minutes at most; a task deleted here stays hidden while lagging lists
 * still show it.
 */
import type { Task, TaskStatus } from '../api/domain';

/** After this long a write of ours no longer overrides what lists say. */
const LIFETIME_MS = 10 * 60_000;

export interface RecentWrite {
  task: Task;
  /** The status the lists still show; undefined for a task we created. */
  indexedStatus?: TaskStatus;
  /** Sent but not yet confirmed by the service. */
  pending: boolean;
  at: number;
}

export class RecentWrites {
  private readonly writes = new Map<string, RecentWrite>();
  /** Tasks deleted here (or being deleted), by when. */
  private readonly deleted = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** The write, live or not (a rollback puts it back as it was). */
  get(id: string): RecentWrite | undefined {
    return this.writes.get(id);
  }

  /** The write, while it still overrides the lists. */
  live(id: string): RecentWrite | undefined {
    const write = this.writes.get(id);
    return write && (write.pending || this.now() - write.at <= LIFETIME_MS) ? write : undefined;
  }

  lives(): RecentWrite[] {
    return [...this.writes.keys()].map((id) => this.live(id)).filter((write): write is RecentWrite => write !== undefined && !this.deleted.has(write.task.id));
  }

  has(id: string): boolean {
    return this.writes.has(id);
  }

  record(id: string, write: Omit<RecentWrite, 'at'>): void {
    this.writes.set(id, { ...write, at: this.now() });
  }

  /** Puts back what there was before a write that failed. */
  restore(id: string, previous: RecentWrite | undefined): void {
    if (previous) this.writes.set(id, previous);
    else this.writes.delete(id);
  }

  isDeleted(id: string): boolean {
    return this.deleted.has(id);
  }

  markDeleted(id: string, deleted: boolean): void {
    if (deleted) this.deleted.set(id, this.now());
    else this.deleted.delete(id);
  }

  /** After a full refresh: drops the writes the lists now show, and old ones. */
  settle(listed: (id: string) => Task | undefined): void {
    for (const [id, write] of this.writes) {
      const shown = listed(id);
      const caughtUp = !write.pending && shown !== undefined && (shown.updatedAt ?? '') >= (write.task.updatedAt ?? '');
      if (caughtUp || this.now() - write.at > LIFETIME_MS) this.writes.delete(id);
    }
    // By then the lists have long caught up with a delete.
    for (const [id, at] of this.deleted) if (this.now() - at > LIFETIME_MS) this.deleted.delete(id);
  }

  clear(): void {
    this.writes.clear();
    this.deleted.clear();
  }
}
