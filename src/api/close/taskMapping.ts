/**
 * Close's task in the domain's words and back: what the adapter says Close can do,
 * the fields it describes (Close has no definitions endpoint), a task's name and
 * due date read from the wire, and a patch written as Close's update body.
 */
import type { FieldDescription, ParentChoice, Task, TaskPatch } from '../domain';
import { ApiError } from '../errors';
import type { Field, WritableValue } from '../values';
import { DUE_DAY, type Due, readDue } from '../../shared/dueDates';
import { CLOSE_CAPABILITIES, TYPE_NAMES } from './capabilities';
import type { CloseTask } from './schemas';

/** Close's writable task properties the editor shows, and the read-only type that decides what may change. */
export function describedFields(leads: ParentChoice[]): FieldDescription[] {
  const base = { multiple: false, readOnly: false, requiredOnCreate: false, requiredOnEdit: false };
  return [
    {
      ...base,
      key: 'text',
      kind: 'field',
      label: 'Text',
      description: 'Only a lead task\'s text can change.',
      valueType: 'TEXT',
      requiredOnCreate: true,
      requiredOnEdit: true,
      editableKinds: ['lead'],
      role: 'title',
    },
    { ...base, key: 'is_complete', kind: 'field', label: 'Done', valueType: 'CHECKBOX', role: 'status', initial: false },
    { ...base, key: 'assigned_to', kind: 'relationship', label: 'Assigned to', valueType: 'RELATIONSHIP', objectType: 'member', requiredOnCreate: true, requiredOnEdit: true, role: 'assignee' },
    { ...base, key: 'date', kind: 'field', label: 'Date', description: 'The day the task is due, or a time on it.', valueType: 'DATETIME', allDay: true, role: 'dueAt' },
    {
      ...base,
      key: 'lead_id',
      kind: 'relationship',
      label: 'Lead',
      description: 'The lead the task belongs to; set when the task is made.',
      valueType: 'RELATIONSHIP',
      objectType: 'lead',
      options: leads,
      idPrefix: 'lead_',
      requiredOnCreate: true,
      createOnly: true,
      role: 'parent',
    },
    { ...base, key: 'priority', kind: 'field', label: 'Priority', valueType: 'SINGLE_SELECT', options: [{ id: 'high', label: 'High' }, { id: 'medium', label: 'Medium' }] },
    { ...base, key: 'resolution', kind: 'field', label: 'Resolution', valueType: 'SINGLE_SELECT', options: [{ id: 'abandoned', label: 'Abandoned' }, { id: 'skipped', label: 'Skipped' }] },
    { ...base, key: '_type', kind: 'field', label: 'Type', description: 'Lead tasks are made here; calls and emails come from Close.', valueType: 'TEXT', readOnly: true },
  ];
}

/**
 * Close dates are a day (`2026-11-25`, all day in the user's zone: kept a day) or a
 * date-time, possibly without an offset (read as UTC, Close's own zone for them).
 */
export function dueOf(date: string | null | undefined): string | undefined {
  if (!date) return undefined;
  if (DUE_DAY.test(date)) return date;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(date) ? date : `${date}Z`;
}

/**
 * Whether a task Close answered with is due as a create asked: Close answers in its own
 * form (`…+00:00`, a day, or a dateless task's creation day), so meaning is compared, not text.
 */
export function sameDue(task: CloseTask, sent: string | undefined): boolean {
  if (sent === undefined) return task.is_dateless === true || !task.date;
  if (task.is_dateless || !task.date) return false;
  const [answered, asked] = [readDue(dueOf(task.date)), readDue(sent)];
  if (!answered || !asked) return false;
  // A day that comes back as a date-time is its midnight in UTC, the zone Close writes them in.
  const dayOf = (due: Due) => ('day' in due ? due.day : new Date(due.at).toISOString().slice(0, 10));
  return 'day' in answered || 'day' in asked ? dayOf(answered) === dayOf(asked) : answered.at === asked.at;
}



/** A task's title: its text, else what its type carries (an email's subject, a call's contact and phone, the opportunity's lead). */
export function titleOf(wire: CloseTask): string {
  if (wire.text?.trim()) return wire.text;
  const who = [wire.contact_name, wire.phone ?? wire.remote_phone].map((part) => part?.trim()).filter(Boolean).join(' · ');
  const about = wire.subject?.trim() || who || wire.lead_name?.trim();
  const name = TYPE_NAMES[wire._type];
  if (name) return about ? `${name}: ${about}` : name;
  // A lead task without text, or a type newer than this adapter: what it is about, else its type ("Lead task").
  const type = wire._type.replace(/_/g, ' ').trim();
  return about || (type ? `${type[0].toUpperCase()}${type.slice(1)} task` : 'Task');
}

/** A lead's page in Close, by its ID: tasks have no link of their own, so "Open in Close" opens the task's lead. */
export type LeadLink = (leadId: string) => string | undefined;
export const NO_LINK: LeadLink = () => undefined;

export function toTask(wire: CloseTask, leadLink: LeadLink = NO_LINK): Task {
  const text = (value: string | null | undefined): Field => ({ valueType: 'TEXT', value: value ?? null });
  const select = (value: string | null | undefined): Field => ({ valueType: 'SINGLE_SELECT', value: value ?? null });
  const link = (id: string | null | undefined): Field => ({ valueType: 'RELATIONSHIP', value: id ? [id] : [] });
  // A dateless task may still carry a date (its creation day): it has no due date.
  const dueAt = wire.is_dateless ? undefined : dueOf(wire.date);
  return {
    id: wire.id,
    title: titleOf(wire),
    webLink: wire.lead_id ? leadLink(wire.lead_id) : undefined,
    status: wire.is_complete ? 'COMPLETE' : 'TODO',
    dueAt,
    assignee: wire.assigned_to ?? undefined,
    createdAt: wire.date_created,
    updatedAt: wire.date_updated ?? undefined,
    kind: wire._type,
    related: wire.lead_id ? { lead: [wire.lead_id] } : undefined,
    fields: {
      text: text(wire.text),
      is_complete: { valueType: 'CHECKBOX', value: wire.is_complete },
      assigned_to: link(wire.assigned_to),
      date: { valueType: 'DATETIME', value: dueAt ?? null },
      lead_id: link(wire.lead_id),
      priority: select(wire.priority),
      resolution: select(wire.resolution),
      _type: text(wire._type),
    },
  };
}

/** The one ID of a has-one value. */
export function idOf(value: WritableValue | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return typeof value === 'string' && value ? value : null;
}

/** A patch as Close's update body: the named properties, then the described fields it sets. */
export function bodyOf(patch: TaskPatch): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.title !== undefined) body.text = patch.title;
  if (patch.status !== undefined) {
    if (!CLOSE_CAPABILITIES.statuses.includes(patch.status)) throw new ApiError({ kind: 'config', message: `Close tasks cannot be ${patch.status.toLowerCase().replace('_', ' ')}: they are to do or done.` });
    body.is_complete = patch.status === 'COMPLETE';
  }
  if (patch.dueAt !== undefined) body.date = patch.dueAt;
  if (patch.assignee !== undefined) body.assigned_to = patch.assignee;
  for (const [key, value] of Object.entries(patch.values ?? {})) {
    body[key] = key === 'assigned_to' || key === 'lead_id' ? idOf(value) : value;
  }
  // A task without a date is dateless; one given a date is not. `date` is not nullable: clearing it is `is_dateless`.
  if ('date' in body) {
    body.is_dateless = body.date === null;
    if (body.date === null) delete body.date;
  }
  return body;
}
