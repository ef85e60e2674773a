import { type Member, type Task, type TaskDefinitions } from '../../src/api/lightfield/schemas';
import { type Field, type FieldValue, fieldSchema } from '../../src/api/values';
import { type TaskStatus } from '../../src/api/domain';
import { type StatusReading, storedStatus } from './definitions';
import { randomId, seededRandom, taskId, type TaskIdStyle } from './random';

const PEOPLE: [string, string][] = [
  ['Ada', 'Lovelace'],
  ['Grace', 'Hopper'],
  ['Alan', 'Turing'],
  ['Katherine', 'Johnson'],
  ['Edsger', 'Dijkstra'],
];
const VERBS = ['Follow up with', 'Send proposal to', 'Schedule demo for', 'Review contract of', 'Call', 'Prepare renewal for', 'Draft QBR for', 'Fix onboarding for'];
const ACCOUNTS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises'];
const STATUSES: TaskStatus[] = ['TODO', 'TODO', 'TODO', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE', 'COMPLETE', 'CANCELLED'];
const DAY = 24 * 60 * 60 * 1000;

export interface SampleData {
  members: Member[];
  accounts: string[];
  /** Accounts and opportunities as their own routes answer them: `$name` and `httpLink`. */
  records: { account: Member[]; opportunity: Member[] };
  tasks: Task[];
}

/** A named record (an account, an opportunity) in the documented entity shape. */
function namedRecord(id: string, name: string, kind: string, createdAt: string, linkBase: string): Member {
  return { id, createdAt, updatedAt: createdAt, httpLink: `${linkBase}/${kind}/${id}`, fields: { $name: { valueType: 'TEXT', value: name } } };
}

/** Builds a task in wire shape: every defined field present (null when unset), every relationship listed. */
export function taskEntity(
  definitions: TaskDefinitions,
  id: string,
  values: Record<string, FieldValue>,
  links: Record<string, string[]>,
  createdAt: string,
  linkBase: string,
): Task {
  const fields: Record<string, Field> = {};
  for (const [key, definition] of Object.entries(definitions.fieldDefinitions)) {
    fields[key] = fieldSchema.parse({ valueType: definition.valueType, value: values[key] ?? null });
  }
  const relationships: Task['relationships'] = {};
  for (const [key, definition] of Object.entries(definitions.relationshipDefinitions)) {
    relationships[key] = { cardinality: definition.cardinality.toLowerCase(), objectType: definition.objectType, values: links[key] ?? [] };
  }
  return { id, createdAt, updatedAt: createdAt, httpLink: `${linkBase}/tasks/${id}`, externalId: null, fields, relationships };
}

export function buildSampleData(options: { tasks: number; seed: number; now: number; definitions: TaskDefinitions; statusReading: StatusReading; taskIds: TaskIdStyle; linkBase: string }): SampleData {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const members: Member[] = PEOPLE.map(([firstName, lastName], index) => {
    const id = randomId('mem_', random);
    const createdAt = new Date(options.now - (400 - index) * DAY).toISOString();
    return {
      id,
      createdAt,
      updatedAt: createdAt,
      httpLink: `${options.linkBase}/members/${id}`,
      // The documented member: these four fields, no relationships, no externalId.
      fields: {
        $name: { valueType: 'FULL_NAME', value: { firstName, lastName } },
        $email: { valueType: 'EMAIL', value: `${firstName.toLowerCase()}@example.com` },
        $profileImage: { valueType: 'URL', value: index % 3 === 0 ? null : `${options.linkBase}/avatars/${id}.png` },
        $role: { valueType: 'TEXT', value: index === 0 ? 'admin' : 'member' },
      },
    };
  });
  const accounts = ACCOUNTS.map(() => randomId('acc_', random));
  // A stream of its own, so the rest of the sample stays as it was.
  const recordRandom = seededRandom(options.seed ^ 0x0bb);
  const opportunities = ACCOUNTS.map(() => randomId('opp_', recordRandom));
  const recordsCreatedAt = new Date(options.now - 300 * DAY).toISOString();
  const records = {
    account: ACCOUNTS.map((name, index) => namedRecord(accounts[index], name, 'accounts', recordsCreatedAt, options.linkBase)),
    opportunity: ACCOUNTS.map((name, index) => namedRecord(opportunities[index], `${name} renewal`, 'opportunities', recordsCreatedAt, options.linkBase)),
  };
  const custom = options.definitions.fieldDefinitions;
  const optionOf = (status: TaskStatus) => storedStatus(options.definitions, options.statusReading, status);
  const tasks: Task[] = [];
  for (let index = 0; index < options.tasks; index++) {
    const accountIndex = Math.floor(random() * ACCOUNTS.length);
    const status = STATUSES[index % STATUSES.length];
    const values: Record<string, FieldValue> = {
      $title: `${pick(VERBS)} ${ACCOUNTS[accountIndex]} #${index + 1}`,
      $status: optionOf(status),
      $description: index % 3 === 0 ? `Notes for **${ACCOUNTS[accountIndex]}**:\n\n- check the last call\n- confirm next steps` : null,
      // Due dates from three weeks ago to five weeks ahead, some unset.
      $dueAt: index % 5 === 4 ? null : new Date(options.now + Math.round((random() * 56 - 21) * DAY / 3600000) * 3600000).toISOString(),
    };
    if (custom.priority) {
      values.priority = pick(custom.priority.typeConfiguration?.options ?? []).id;
      values.estimate = Math.round(random() * 4000) / 100;
      values.billable = random() < 0.5;
      values.summary = `Auto-summary of task ${index + 1}.`;
      values.brief = `<p>Brief for <b>${ACCOUNTS[accountIndex]}</b> <a href="https://example.com/${index}">notes</a><script>window.__canary && window.__canary()</script></p>`;
    }
    const createdAt = new Date(options.now - (options.tasks - index) * 3600000).toISOString();
    const assignee = pick(members).id;
    tasks.push(
      taskEntity(
        options.definitions,
        taskId(options.taskIds, random),
        values,
        { $assignedTo: [assignee], $createdBy: [members[0].id], $account: [accounts[accountIndex]], ...(index % 2 === 0 ? { $opportunity: [opportunities[accountIndex]] } : {}) },
        createdAt,
        options.linkBase,
      ),
    );
  }
  return { members, accounts, records, tasks };
}
