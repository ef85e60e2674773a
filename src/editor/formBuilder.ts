/**
 * Builds the form model from the service's description of task fields and a task:
 * one form field per described field, in the described order, nothing hard-coded.
 * What may be edited follows the description: read-only fields, fields fixed after
 * creation, fields editable only on some kinds of task, and values this client
 * cannot read. No `vscode` here.
 */
import type { FieldDescription, Member, NamedRecord, Task, TaskDescription } from '../api/domain';
import { type Field, type FieldValue, isKnownValueType, isUnreadable } from '../api/values';
import type { FormField, FormModel, FormValue } from '../shared/form';
import { taskTitle } from '../api/domain';

function formValueOf(field: Field | undefined): FormValue {
  // What could not be read as its type is shown as it came.
  if (isUnreadable(field)) return field.raw;
  const value: FieldValue | undefined = field?.value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, part]) => typeof part === 'string' || typeof part === 'number')) as FormValue;
  }
  return value;
}

/** The IDs a task's relationship `key` links to. */
export function linkedIds(task: Task | undefined, key: string): string[] {
  const value = task?.fields[key]?.value;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

export interface BuildOptions {
  description: TaskDescription;
  /** The task to edit; none for a new task. */
  task?: Task;
  /** Readable members, for member relationships; undefined when the key may not list them. */
  members?: Member[];
  /** A new task's assignee. */
  defaultAssignee?: string;
  /** Named records the task links to, by object type (`capabilities.namedRecords`): shown by name and found by searching. */
  records?: Record<string, NamedRecord[]>;
  serviceName: string;
}

/** Why a described field cannot be edited on this task, or undefined when it can. */
function lockReason(described: FieldDescription, task: Task | undefined): string | undefined {
  if (!isKnownValueType(described.valueType)) return 'Shown as the service sent it: this version of the extension does not know its type.';
  if (task && isUnreadable(task.fields[described.key])) return 'Shown as the service sent it: the value does not match its type.';
  if (task && described.editableKinds && !described.editableKinds.includes(task.kind ?? '')) {
    return `Not editable on a task of type ${task.kind ?? 'unknown'}.`;
  }
  return undefined;
}

export function buildForm({ description, task, members, defaultAssignee, records, serviceName }: BuildOptions): FormModel {
  const creating = task === undefined;
  const fields: FormField[] = [];
  const values: Record<string, FormValue> = {};
  // Those who left are offered only where they already are (a task assigned to one keeps its value).
  const assigned = new Set(Object.values(task?.fields ?? {}).flatMap((field) => (field.valueType === 'RELATIONSHIP' && Array.isArray(field.value) ? field.value : [])));
  const memberOptions = members?.filter((member) => !member.inactive || assigned.has(member.id)).map((member) => ({ id: member.id, label: member.name }));

  for (const described of description.fields) {
    const known = isKnownValueType(described.valueType);
    const reason = lockReason(described, task);
    const isMember = described.kind === 'relationship' && described.objectType === 'member';
    const named = described.kind === 'relationship' && described.objectType !== undefined ? records?.[described.objectType] : undefined;
    // A linked record the service would not name keeps its ID as its label.
    const linked = named && linkedIds(task, described.key).map((id) => named.find((record) => record.id === id) ?? { id, name: id });
    fields.push({
      key: described.key,
      kind: described.kind,
      label: described.label,
      description: [described.description, reason].filter(Boolean).join(' ') || undefined,
      valueType: known ? (described.valueType as FormField['valueType']) : 'UNKNOWN',
      required: known && (creating ? described.requiredOnCreate : described.requiredOnEdit),
      // A type this client does not know, or a value it could not read, is shown and never written back.
      readOnly: described.readOnly || reason !== undefined || (!creating && described.createOnly === true),
      multiple: described.multiple,
      options: described.options ?? (isMember ? memberOptions : linked?.map((record) => ({ id: record.id, label: record.name }))),
      searchable: linked !== undefined || undefined,
      currency: described.currency,
      handleService: described.handleService,
      objectType: described.objectType,
      idPrefix: (isMember && memberOptions) || linked ? undefined : described.idPrefix,
      allDay: described.allDay,
      maxLinks: described.maxLinks,
    });
    if (task) values[described.key] = formValueOf(task.fields[described.key]);
    else if (described.role === 'assignee' && defaultAssignee) values[described.key] = [defaultAssignee];
    else values[described.key] = formValueOf(described.initial === undefined ? undefined : ({ valueType: described.valueType, value: described.initial } as Field));
  }
  return {
    mode: creating ? 'create' : 'edit',
    taskId: task?.id,
    title: task ? taskTitle(task) : 'New task',
    updatedAt: task?.updatedAt,
    httpLink: task?.webLink,
    serviceName,
    fields,
    values,
  };
}
