/**
 * What the agent names in words, found as the service names it: a member by
 * name or "me", a record a task belongs to by name, a task by a reference, a due
 * date as typed. Each refusal says what to give instead, for the model to act
 * on. No `vscode` import.
 */
import type { Capabilities, Member, NamedRecord } from '../api/domain';
import type { TaskProvider } from '../api/provider';
import { ID_ARGUMENT, REFERENCE_ID_SOURCE } from '../api/taskIds';
import { readDue, typedDue } from '../shared/dueDates';
import { quoted } from './toolText';

/** Errors whose message is for the model: what to change and call again. */
export class ToolInputError extends Error {}

export interface MemberDirectory {
  /** The user's own member ID, where known. */
  me: () => string | undefined;
  /** The service's members, or undefined when the key may not list them. */
  members: () => Promise<ReadonlyMap<string, Member> | undefined>;
}

const ME = /^(me|myself|i|mine)$/i;

/** The member ID `text` names: "me", an ID, a member's full name (any case), or the start of exactly one member's name. */
export async function memberIdOf(text: string, directory: MemberDirectory): Promise<string> {
  const wanted = text.trim();
  if (ME.test(wanted)) {
    const me = directory.me();
    if (!me) throw new ToolInputError('The service did not say who "me" is: give a member\'s name or ID as the assignee (find them with the find tasks tool\'s assignee names).');
    return me;
  }
  const members = await directory.members();
  if (!members) {
    if (ID_ARGUMENT.test(wanted)) return wanted;
    throw new ToolInputError('The API key may not list members, so names cannot be looked up: give "me" or a member ID as the assignee.');
  }
  if (members.has(wanted)) return wanted;
  const active = [...members.values()].filter((member) => !member.inactive);
  const lower = wanted.toLocaleLowerCase();
  const exact = active.filter((member) => member.name.toLocaleLowerCase() === lower);
  const partial = exact.length > 0 ? exact : active.filter((member) => member.name.toLocaleLowerCase().includes(lower));
  if (partial.length === 1) return partial[0].id;
  if (partial.length === 0) throw new ToolInputError(`No member is named ${quoted(wanted)}: give "me", a member ID, or one of these names: ${active.slice(0, 20).map((member) => quoted(member.name, 80)).join(', ')}.`);
  throw new ToolInputError(`${partial.length} members match ${quoted(wanted)}: give one of these IDs: ${partial.slice(0, 10).map((member) => `${member.id} (${quoted(member.name, 80)})`).join(', ')}.`);
}

/** Records (of the kind tasks belong to) whose name contains `text`, or whose ID it is, as the service finds them. */
export async function recordsNamed(provider: TaskProvider, text: string): Promise<NamedRecord[]> {
  const { capabilities } = provider;
  const { objectType } = capabilities.belongsTo;
  const wanted = text.trim();
  const [found, byId] = await Promise.all([
    capabilities.namedRecords.includes(objectType)
      ? provider.searchRecords(objectType, wanted)
      : capabilities.parent
        ? provider.searchParents(wanted).then((choices) => choices.map((choice) => ({ id: choice.id, name: choice.label })))
        : Promise.resolve([]),
    ID_ARGUMENT.test(wanted) ? provider.nameRecords(objectType, [wanted]).catch((): NamedRecord[] => []) : Promise.resolve([]),
  ]);
  // Checked here too: a search the service does not narrow answers with any records.
  const lower = wanted.toLocaleLowerCase();
  const named = found.filter((record) => record.name.toLocaleLowerCase().includes(lower));
  return [...byId.filter((record) => record.id === wanted), ...named.filter((record) => record.id !== wanted)];
}

/** The one record `text` names (by ID, exact name, or part of one name), for a new task to belong to. */
export async function recordIdOf(provider: TaskProvider, text: string): Promise<string> {
  const label = provider.capabilities.belongsTo.label.toLocaleLowerCase();
  const wanted = text.trim();
  const records = await recordsNamed(provider, wanted);
  const exact = records.filter((record) => record.id === wanted || record.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());
  const chosen = exact.length === 1 ? exact : records;
  if (chosen.length === 1) return chosen[0].id;
  if (chosen.length === 0) throw new ToolInputError(`No ${label} is named ${quoted(wanted)}: give its exact name or ID.`);
  throw new ToolInputError(`${chosen.length} ${label}s match ${quoted(wanted)}: give one of these IDs: ${chosen.slice(0, 10).map((record) => `${record.id} (${quoted(record.name, 80)})`).join(', ')}.`);
}

const ID_TOKEN = new RegExp(REFERENCE_ID_SOURCE, 'g');

/** The task ID in `text` (an ID, or a reference such as `TODO(tsk_1)` or `Refs 123`): one the store or the service's shape knows first. */
export function taskIdIn(text: string, isTaskId: (id: string) => boolean): string {
  const wanted = text.trim();
  if (ID_ARGUMENT.test(wanted)) return wanted;
  const candidate = (wanted.match(ID_TOKEN) ?? []).find((token) => isTaskId(token));
  if (candidate) return candidate;
  throw new ToolInputError(`No task ID in ${quoted(text)}: give the task's ID as the find tasks tool lists it.`);
}

/** A due date as the tools take it (a day, a day and time, or an instant with an offset), as `Task.dueAt`. */
export function dueOf(text: string, capabilities: Capabilities): string {
  const typed = typedDue(text, capabilities.dueDays);
  if (typed) return typed;
  if (/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(text.trim()) && readDue(text.trim())) return new Date(text.trim()).toISOString();
  throw new ToolInputError(`due: ${quoted(text, 60)} is not a date: give YYYY-MM-DD, YYYY-MM-DD HH:MM (the user's time zone) or an ISO 8601 instant with an offset.`);
}
