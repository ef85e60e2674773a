/** Lightfield's definitions as the editor's fields: the system fields first, each with its role and what may change. */
import type { FieldDescription, TaskDescription } from '../domain';
import { KEYS, RELATIONSHIP_WRITE_LIMIT } from './capabilities';
import type { Vocabulary } from './vocabulary';

const REQUIRED_ON_CREATE = new Set<string>([KEYS.title, KEYS.status, KEYS.assignee]);
/** Required on every save: the service refuses to empty them. */
const REQUIRED_ON_EDIT = new Set<string>([KEYS.title, KEYS.status, KEYS.assignee]);
const READ_ONLY_RELATIONSHIPS = new Set(['$note']);
/** Documented ID prefixes by object type. */
const ID_PREFIXES: Record<string, string> = { account: 'acc_', contact: 'con_', opportunity: 'opp_', member: 'mem_' };
/** System fields first, in the order a person fills them in; the rest in definition order. */
const LEADING: string[] = [KEYS.title, KEYS.status, KEYS.assignee, KEYS.dueAt, KEYS.description];
const ROLES: Record<string, FieldDescription['role']> = {
  [KEYS.title]: 'title',
  [KEYS.status]: 'status',
  [KEYS.dueAt]: 'dueAt',
  [KEYS.assignee]: 'assignee',
  [KEYS.description]: 'description',
};

/** The task fields the definitions describe, in the order a person fills them in. */
export function describeFields(words: Vocabulary): TaskDescription {
    const { definitions } = words;
  const fields: FieldDescription[] = [];
  for (const [key, definition] of Object.entries(definitions.fieldDefinitions)) {
    const config = definition.typeConfiguration ?? {};
    fields.push({
      key,
      kind: 'field',
      label: definition.label,
      description: definition.description ?? undefined,
      valueType: definition.valueType,
      multiple: definition.valueType === 'MULTI_SELECT' || definition.valueType === 'TELEPHONE' || (definition.valueType === 'EMAIL' && config.multipleValues === true),
      options: (key === KEYS.status ? words.statusOptions() : config.options)?.map((option) => ({ id: option.id, label: option.label })),
      currency: config.currency ?? undefined,
      handleService: config.handleService ?? undefined,
      // HTML is the service's own rendering: shown (sanitised), never edited here.
      readOnly: definition.readOnly === true || definition.valueType === 'HTML',
      requiredOnCreate: REQUIRED_ON_CREATE.has(key),
      requiredOnEdit: REQUIRED_ON_EDIT.has(key),
      role: ROLES[key],
      initial: key === KEYS.status ? words.written('TODO') : undefined,
    });
  }
  for (const [key, definition] of Object.entries(definitions.relationshipDefinitions)) {
    fields.push({
      key,
      kind: 'relationship',
      label: definition.label,
      description: definition.description ?? undefined,
      valueType: 'RELATIONSHIP',
      multiple: definition.cardinality === 'HAS_MANY',
      objectType: definition.objectType,
      // At most 25 linked records per request, across relationships (checked again on save).
      maxLinks: RELATIONSHIP_WRITE_LIMIT,
      idPrefix: ID_PREFIXES[definition.objectType],
      readOnly: READ_ONLY_RELATIONSHIPS.has(key),
      // The typed update names only $account, $assignedTo and $opportunity: who created a task is set once.
      createOnly: key === KEYS.createdBy,
      requiredOnCreate: REQUIRED_ON_CREATE.has(key),
      requiredOnEdit: REQUIRED_ON_EDIT.has(key),
      role: ROLES[key],
    });
  }
  const rank = (key: string) => (LEADING.includes(key) ? LEADING.indexOf(key) : LEADING.length);
  return { fields: fields.sort((a, b) => rank(a.key) - rank(b.key)) };
}
