/**
 * Builds the form model from the server's definitions and a task: one field per
 * field definition, one per relationship definition, nothing hard-coded but the
 * documented system rules (required fields on create, `$note` read-only).
 * No `vscode` here.
 */
import { type Field, type FieldValue, isUnreadable, type Member, type Task, type TaskDefinitions, VALUE_TYPES, type ValueType } from '../api/model';
import { type FormField, type FormModel, type FormValue } from '../shared/form';
import { memberName, taskTitle } from '../tasks/grouping';

/** Documented ID prefixes by object type; members are picked by name instead. */
const ID_PREFIXES: Record<string, string> = { account: 'acc_', contact: 'con_', opportunity: 'opp_', member: 'mem_' };
const REQUIRED_ON_CREATE = new Set(['$title', '$status', '$assignedTo']);
const READ_ONLY_RELATIONSHIPS = new Set(['$note']);
/** System fields first, in the order a person fills them in; the rest in definition order. */
const LEADING = ['$title', '$status', '$assignedTo', '$dueAt', '$description'];

function isKnownType(valueType: string): valueType is ValueType {
  return (VALUE_TYPES as readonly string[]).includes(valueType);
}

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

export interface BuildOptions {
  definitions: TaskDefinitions;
  /** The task to edit; none for a new task. */
  task?: Task;
  /** Readable members, for member relationships; undefined when the key may not list them. */
  members?: Member[];
  /** A new task's assignee. */
  defaultAssignee?: string;
}

export function buildForm({ definitions, task, members, defaultAssignee }: BuildOptions): FormModel {
  const creating = task === undefined;
  const fields: FormField[] = [];
  const values: Record<string, FormValue> = {};
  const memberOptions = members?.map((member) => ({ id: member.id, label: memberName(member) }));

  for (const [key, definition] of Object.entries(definitions.fieldDefinitions)) {
    const config = definition.typeConfiguration ?? {};
    const multiple =
      definition.valueType === 'MULTI_SELECT' || definition.valueType === 'TELEPHONE' || (definition.valueType === 'EMAIL' && config.multipleValues === true);
    const known = isKnownType(definition.valueType);
    const unreadable = isUnreadable(task?.fields[key]);
    // Says why a field cannot be edited, beside what the service says of it.
    const note = !known
      ? 'Shown as the service sent it: this version of the extension does not know its type.'
      : unreadable
        ? 'Shown as the service sent it: the value does not match its type.'
        : undefined;
    fields.push({
      key,
      kind: 'field',
      label: definition.label,
      description: [definition.description, note].filter(Boolean).join(' ') || undefined,
      valueType: isKnownType(definition.valueType) ? definition.valueType : 'UNKNOWN',
      required: known && (creating ? REQUIRED_ON_CREATE.has(key) : key === '$title' || key === '$status'),
      // A type this client does not know, or a value it could not read, is shown and never written back.
      readOnly: definition.readOnly === true || !known || unreadable,
      multiple,
      options: config.options?.map((option) => ({ id: option.id, label: option.label })),
      currency: config.currency ?? undefined,
      handleService: config.handleService ?? undefined,
    });
    values[key] = formValueOf(task?.fields[key]);
  }
  for (const [key, definition] of Object.entries(definitions.relationshipDefinitions)) {
    const isMember = definition.objectType === 'member';
    fields.push({
      key,
      kind: 'relationship',
      label: definition.label,
      description: definition.description ?? undefined,
      valueType: 'RELATIONSHIP',
      // $assignedTo is required on create, and the service refuses to empty it later.
      required: creating ? REQUIRED_ON_CREATE.has(key) : key === '$assignedTo',
      readOnly: READ_ONLY_RELATIONSHIPS.has(key),
      multiple: definition.cardinality === 'HAS_MANY',
      objectType: definition.objectType,
      options: isMember ? memberOptions : undefined,
      idPrefix: isMember && memberOptions ? undefined : ID_PREFIXES[definition.objectType],
    });
    values[key] = task?.relationships[key]?.values ?? [];
  }
  if (creating) {
    if (definitions.fieldDefinitions.$status) values.$status = 'TODO';
    if (defaultAssignee && definitions.relationshipDefinitions.$assignedTo) values.$assignedTo = [defaultAssignee];
  }
  const rank = (key: string) => (LEADING.includes(key) ? LEADING.indexOf(key) : LEADING.length);
  fields.sort((a, b) => rank(a.key) - rank(b.key));
  return {
    mode: creating ? 'create' : 'edit',
    taskId: task?.id,
    title: task ? taskTitle(task) : 'New task',
    updatedAt: task?.updatedAt ?? undefined,
    httpLink: task?.httpLink ?? undefined,
    fields,
    values,
  };
}
