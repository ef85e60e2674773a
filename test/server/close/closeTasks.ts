/**
 * The task resource of the local Close server, from Close's reference: writes
 * checked as the seed's schema says, dates kept and answered in Close's own forms
 * (days as days, date-times as `+00:00`), and lists with `_type`, `is_complete`,
 * `assigned_to`, `lead_id`, `view`, `date`/`date_created` ranges, `_order_by`,
 * and `_skip` up to a maximum (a 400 beyond it).
 */
import { randomId } from '../random';
import { closeDateTime, DATE_ONLY, dateStarts, dayOn, dayStarts, nextDay, type UserClock } from './closeCalendar';
import { type CloseData, type CloseTask, type CloseUser, TASK_TYPES, userName } from './closeData';
import { CloseError, refuseIfAny } from './closeErrors';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const MAX_LIMIT = 100;
const ORDERS = ['date', 'date_created'] as const;
const RANGES = ['lt', 'lte', 'gt', 'gte'] as const;

export interface TaskListRules {
  /** The largest `_skip` a list takes. */
  maxSkip: number;
  /** Without `_order_by`, each list comes in an order of its own (the docs name no default). */
  unorderedLists: boolean;
}

function integer(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new CloseError(400, `${name} must be an integer from 0 to ${max}.`, { [name]: `Ensure this value is less than or equal to ${max}.` });
  return Number(raw);
}

/** A `date` as Close stores it: a day stays a day; a date-time becomes UTC, `+00:00`. */
function storedDate(value: string): string {
  return DATE_ONLY.test(value) ? value : closeDateTime(dateStarts(value, { offsetHours: 0 }));
}

function checkDate(name: string, value: unknown, errors: Record<string, unknown>): void {
  // The seed's schema does not let `date` be null: a date is cleared with `is_dateless`.
  if (value === null && name === 'date') errors[name] = 'This field may not be null.';
  else if (value !== null && (typeof value !== 'string' || !(DATE_ONLY.test(value) || DATE_TIME.test(value)) || Number.isNaN(Date.parse(value)))) {
    errors[name] = 'Enter a valid date or date-time.';
  }
}

export class CloseTaskBook {
  readonly tasks: Map<string, CloseTask>;

  constructor(
    private readonly data: CloseData,
    private readonly me: CloseUser,
    private readonly rules: TaskListRules,
    private readonly random: () => number,
  ) {
    this.tasks = new Map(data.tasks.map((task) => [task.id, task]));
  }

  find(id: string): CloseTask {
    const task = this.tasks.get(id);
    if (!task) throw new CloseError(404, 'Empty query: Task matching query does not exist.');
    return task;
  }

  private user(id: unknown): CloseUser | undefined {
    return this.data.users.find((user) => user.id === id);
  }

  /** The writable properties of an update, checked; `text` only on lead tasks. */
  update(id: string, body: Record<string, unknown>): void {
    const task = this.find(id);
    const errors: Record<string, unknown> = {};
    const next = { ...task };
    for (const [name, value] of Object.entries(body)) {
      switch (name) {
        case 'assigned_to': {
          const user = this.user(value);
          if (!user) errors[name] = 'Select a valid user.';
          else Object.assign(next, { assigned_to: user.id, assigned_to_name: userName(user) });
          break;
        }
        case 'date':
        case 'due_date':
          checkDate(name, value, errors);
          if (!errors[name]) next[name] = typeof value === 'string' ? storedDate(value) : null;
          break;
        case 'is_complete':
        case 'is_dateless':
          if (typeof value !== 'boolean') errors[name] = 'Must be a boolean.';
          else next[name] = value;
          break;
        case 'text':
          if (task._type !== 'lead') errors.text = 'The text of a task can only be changed on lead tasks.';
          else if (typeof value !== 'string' || !value.trim()) errors.text = 'This field may not be blank.';
          else next.text = value;
          break;
        case 'priority':
          if (value !== 'high' && value !== 'medium') errors.priority = 'Must be high or medium.';
          else next.priority = value;
          break;
        case 'resolution':
          if (value !== null && value !== 'abandoned' && value !== 'skipped') errors.resolution = 'Must be abandoned, skipped or null.';
          else next.resolution = value;
          break;
        default:
          errors[name] = 'This field cannot be updated.';
      }
    }
    refuseIfAny(errors);
    this.tasks.set(id, { ...next, updated_by: this.me.id, date_updated: new Date().toISOString() });
  }

  create(body: Record<string, unknown>, clock: UserClock): CloseTask {
    const errors: Record<string, unknown> = {};
    const type = body._type ?? 'lead';
    if (type !== 'lead' && type !== 'outgoing_call') errors._type = 'Tasks can be created of type lead or outgoing_call.';
    const lead = this.data.leads.find((each) => each.id === body.lead_id);
    if (!lead) errors.lead_id = 'Select a valid lead.';
    if (type === 'lead' && (typeof body.text !== 'string' || !body.text.trim())) errors.text = 'This field is required.';
    const assignee = body.assigned_to === undefined ? this.me : this.user(body.assigned_to);
    if (!assignee) errors.assigned_to = 'Select a valid user.';
    if (body.date !== undefined) checkDate('date', body.date, errors);
    refuseIfAny(errors);
    if (!lead || !assignee) throw new CloseError(400, 'Invalid request.');
    const now = Date.now();
    const task: CloseTask = {
      id: randomId('task_', this.random),
      _type: type === 'outgoing_call' ? 'outgoing_call' : 'lead',
      text: typeof body.text === 'string' ? body.text : '',
      organization_id: this.data.organizations[0].id,
      lead_id: lead.id,
      lead_name: lead.display_name,
      contact_id: null,
      assigned_to: assignee.id,
      assigned_to_name: userName(assignee),
      // Dateless, it keeps its creation day (the user's), as Close's tasks do.
      date: typeof body.date === 'string' && body.is_dateless !== true ? storedDate(body.date) : dayOn(now, clock),
      due_date: null,
      is_complete: body.is_complete === true,
      is_dateless: typeof body.date !== 'string' || body.is_dateless === true,
      priority: null,
      resolution: null,
      created_by: this.me.id,
      updated_by: this.me.id,
      date_created: new Date(now).toISOString(),
      date_updated: new Date(now).toISOString(),
    };
    this.tasks.set(task.id, task);
    return task;
  }

  delete(id: string): void {
    this.tasks.delete(this.find(id).id);
  }

  list(query: URLSearchParams, clock: UserClock): { data: CloseTask[]; has_more: boolean } {
    const type = query.get('_type') ?? 'lead';
    if (type !== 'all' && !(TASK_TYPES as readonly string[]).includes(type)) throw new CloseError(400, 'Invalid request.', { _type: 'Unknown task type.' });
    const complete = query.get('is_complete');
    const matching = [...this.tasks.values()]
      .filter((task) => type === 'all' || task._type === type)
      .filter((task) => complete === null || String(task.is_complete) === complete)
      .filter((task) => !query.get('assigned_to') || task.assigned_to === query.get('assigned_to'))
      .filter((task) => !query.get('lead_id') || task.lead_id === query.get('lead_id'))
      .filter(this.inView(query.get('view'), clock))
      .filter(this.inRanges(query, clock));
    const skip = integer(query, '_skip', 0, this.rules.maxSkip);
    const limit = integer(query, '_limit', MAX_LIMIT, MAX_LIMIT);
    const ordered = this.ordered(matching, query.get('_order_by'), clock);
    return { data: ordered.slice(skip, skip + limit), has_more: skip + limit < ordered.length };
  }

  /** `inbox`: open and due by the end of the user's today (dateless ones too); `future`: open and due later; `archive`: done. */
  private inView(view: string | null, clock: UserClock): (task: CloseTask) => boolean {
    if (view === null) return () => true;
    const tomorrow = dayStarts(nextDay(dayOn(Date.now(), clock)), clock);
    const dueBy = (task: CloseTask) => task.is_dateless || !task.date || dateStarts(task.date, clock) < tomorrow;
    switch (view) {
      case 'inbox':
        return (task) => !task.is_complete && dueBy(task);
      case 'future':
        return (task) => !task.is_complete && !dueBy(task);
      case 'archive':
        return (task) => task.is_complete;
      default:
        throw new CloseError(400, 'Invalid request.', { view: 'Must be inbox, future or archive.' });
    }
  }

  /** `date__lt=2026-12-01` and the like: a day is its first moment on the user's clock. */
  private inRanges(query: URLSearchParams, clock: UserClock): (task: CloseTask) => boolean {
    const checks: ((task: CloseTask) => boolean)[] = [];
    for (const field of ORDERS) {
      for (const range of RANGES) {
        const raw = query.get(`${field}__${range}`);
        if (raw === null) continue;
        if (!(DATE_ONLY.test(raw) || DATE_TIME.test(raw)) || Number.isNaN(Date.parse(raw))) throw new CloseError(400, 'Invalid request.', { [`${field}__${range}`]: 'Enter a valid date or date-time.' });
        const bound = dateStarts(raw, clock);
        const compare = { lt: (a: number) => a < bound, lte: (a: number) => a <= bound, gt: (a: number) => a > bound, gte: (a: number) => a >= bound }[range];
        checks.push((task) => {
          const value = field === 'date' ? (task.is_dateless ? null : task.date) : task.date_created;
          return value !== null && compare(dateStarts(value, clock));
        });
      }
    }
    return (task) => checks.every((check) => check(task));
  }

  private ordered(tasks: CloseTask[], orderBy: string | null, clock: UserClock): CloseTask[] {
    if (orderBy === null) {
      if (!this.rules.unorderedLists) return tasks.sort((a, b) => b.date_created.localeCompare(a.date_created) || a.id.localeCompare(b.id));
      // No order was asked for: each answer in one of its own.
      return tasks.map((task) => ({ task, rank: this.random() })).sort((a, b) => a.rank - b.rank).map(({ task }) => task);
    }
    const field = orderBy.replace(/^-/, '');
    if (!(ORDERS as readonly string[]).includes(field)) throw new CloseError(400, 'Invalid request.', { _order_by: `Order by ${ORDERS.join(' or ')}.` });
    const sign = orderBy.startsWith('-') ? -1 : 1;
    const key = (task: CloseTask) => (field === 'date' ? (task.date ? dateStarts(task.date, clock) : Number.POSITIVE_INFINITY) : Date.parse(task.date_created));
    return tasks.sort((a, b) => (key(a) === key(b) ? 0 : sign * (key(a) - key(b))) || a.id.localeCompare(b.id));
  }
}
