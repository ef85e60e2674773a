/** How this organisation's definitions name the statuses and relationships, read both ways. */
import { TASK_STATUSES, type TaskStatus } from '../domain';
import { ApiError, FILTER_UNSUPPORTED } from '../errors';
import { KEYS } from './capabilities';
import type { TaskDefinitions } from './schemas';

/** Letters only, lower case: "In progress" and "IN_PROGRESS" read the same. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/** Words an organisation may label a status with, squashed; the documented literal itself included. */
const STATUS_WORDS: Record<TaskStatus, readonly string[]> = {
  TODO: ['todo', 'open', 'new', 'notstarted', 'backlog', 'pending'],
  IN_PROGRESS: ['inprogress', 'doing', 'started', 'active', 'ongoing', 'working'],
  COMPLETE: ['complete', 'completed', 'done', 'finished', 'closed', 'resolved'],
  CANCELLED: ['cancelled', 'canceled', 'abandoned', 'dropped', 'wontdo', 'void'],
};

/** The status a literal, an option ID or a label names, if any. */
function statusNamed(text: string): TaskStatus | undefined {
  const word = squash(text);
  return TASK_STATUSES.find((status) => STATUS_WORDS[status].includes(word));
}

/** The documented literals' names, as options for a `$status` definition that lists none. */
const LITERAL_LABELS: Record<TaskStatus, string> = { TODO: 'To do', IN_PROGRESS: 'In progress', COMPLETE: 'Complete', CANCELLED: 'Cancelled' };
const LITERAL_OPTIONS = TASK_STATUSES.map((status) => ({ id: status, label: LITERAL_LABELS[status] }));

/**
 * What the definitions say, read for translation: the `$status` options both
 * ways, and which keys are relationships. The docs leave open whether a stored
 * status is a documented literal or an option ID, and options' IDs and labels
 * need not spell the status: an option is matched by ID, then by label; a stored
 * value by option ID, then as a literal, then by label; a write sends the option
 * ID where one matches and the literal otherwise.
 */
export class Vocabulary {
  private readonly statusOfOption = new Map<string, TaskStatus>();
  readonly optionOf = new Map<TaskStatus, string>();
  /** How the service stores a status, where the options alone do not tell: learned from the tasks it returns. */
  storedAs: 'option' | 'literal' | undefined;
  /** One look at the stored form per vocabulary, shared by the lists that need it. */
  storageRead: Promise<void> | undefined;
  private readonly unmatched = new Set<string>();
  /** Labels of the `$status` options that name none of the product's statuses ("Blocked", say). */
  readonly unnamedOptions: string[] = [];

  constructor(
    readonly definitions: TaskDefinitions,
    private readonly log?: (line: string) => void,
  ) {
    for (const option of this.statusOptions()) {
      const status = statusNamed(option.id) ?? statusNamed(option.label);
      if (!status) this.unnamedOptions.push(option.label);
      if (!status || this.optionOf.has(status)) continue;
      this.statusOfOption.set(option.id, status);
      this.optionOf.set(status, option.id);
    }
    // Options that spell the statuses (or none at all): a stored value reads the same either way.
    if ([...this.optionOf].every(([status, id]) => status === id)) this.storedAs = 'literal';
  }

  /** The `$status` options as the definitions list them, or the literals where they list none. */
  statusOptions(): readonly { id: string; label: string }[] {
    const options = this.definitions.fieldDefinitions[KEYS.status]?.typeConfiguration?.options;
    return options && options.length > 0 ? options : LITERAL_OPTIONS;
  }

  /** A stored status; one that names none is logged once (the task shows without a status). */
  statusOf(value: string): TaskStatus | undefined {
    const byOption = this.statusOfOption.get(value);
    if (byOption && byOption !== value) this.storedAs ??= 'option';
    const literal = TASK_STATUSES.find((status) => status === value);
    if (literal && this.optionOf.get(literal) !== literal) this.storedAs ??= 'literal';
    const status = byOption ?? literal ?? statusNamed(value);
    if (!status && !this.unmatched.has(value)) {
      this.unmatched.add(value);
      this.log?.(`A task's $status "${value}" is neither an option of the $status definition nor a documented status; such tasks show without a status.`);
    }
    return status;
  }

  isRelationship(key: string): boolean {
    return key in this.definitions.relationshipDefinitions;
  }

  /** What a status is written as: its option's ID where one matches, else the documented literal. */
  written(status: TaskStatus): string {
    return this.optionOf.get(status) ?? status;
  }

  /** What a status filter compares with: the form the service stores (an option's ID unless seen otherwise). */
  filtered(status: TaskStatus): string {
    return this.storedAs === 'literal' ? status : this.written(status);
  }

  slug(key: string): string {
    const slug = this.definitions.relationshipDefinitions[key]?.slug;
    if (!slug) throw new ApiError({ kind: 'config', code: FILTER_UNSUPPORTED, message: `Tasks cannot be filtered by ${key}: its definition names no slug.` });
    return slug;
  }
}
