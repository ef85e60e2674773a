/**
 * A save's first step when the task changed on the server since the form was
 * read: what changed there is shown and the user chooses whose value wins where
 * both changed; the fresh read then becomes the base of the edit.
 */
import * as vscode from 'vscode';
import { changedKeys, type FormModel, type FormValue, sameValue } from '../shared/form';
import { serverChanges } from './formDiff';

export type ConflictChoice = 'mine' | 'theirs' | undefined;
export type AskAboutConflict = (title: string, changedThere: string) => Promise<ConflictChoice>;

/** The fields' labels, for a message. */
export function fieldLabels(model: FormModel, keys: string[]): string {
  return keys.map((key) => model.fields.find((field) => field.key === key)?.label ?? key).join(', ');
}

function pick(values: Record<string, FormValue>, keys: string[]): Record<string, FormValue> {
  return Object.fromEntries(keys.map((key) => [key, values[key] ?? null]));
}

/** The edit on the fresh read: the user's changes kept, the server's where the user chose theirs; throws when the user chose neither. */
export async function rebase(
  edited: { model: FormModel; values: Record<string, FormValue> },
  fresh: FormModel,
  ask: AskAboutConflict,
): Promise<{ model: FormModel; values: Record<string, FormValue> }> {
  const mine = changedKeys(edited.model, edited.values);
  // A change that already equals the edit is no conflict: it is usually our own earlier write whose answer was lost.
  const theirs = serverChanges(edited.model, fresh).filter((key) => !sameValue(fresh.values[key], edited.values[key]));
  let keep = mine;
  const clashing = theirs.filter((key) => mine.includes(key));
  if (theirs.length > 0) {
    const detail = theirs.map((key) => `${fieldLabels(fresh, [key])}${clashing.includes(key) ? vscode.l10n.t(' (you changed it too)') : ''}`).join('\n');
    const choice = await ask(edited.model.title, detail);
    if (choice === undefined) throw new Error(vscode.l10n.t('Not saved: the task changed on the server. Your edits are kept.'));
    if (choice === 'theirs') keep = mine.filter((key) => !theirs.includes(key));
  }
  return { model: fresh, values: { ...fresh.values, ...pick(edited.values, keep) } };
}
