/** The due date of a task made from a TODO: a quick pick of near days, or one typed in. */
import * as vscode from 'vscode';
import { addDays, dayIn, END_OF_WORKING_DAY, localInstant, typedDue } from '../shared/dueDates';

/**
 * `null` for no due date, undefined when dismissed. Where the service takes days
 * (Close) the near days are all day; elsewhere they are that day's end of working day.
 */
export async function pickDueDate(takesDays: boolean): Promise<string | null | undefined> {
  const today = dayIn(Date.now());
  const near = (days: number) => (takesDays ? addDays(today, days) : localInstant(addDays(today, days), END_OF_WORKING_DAY, 0));
  const when = takesDays ? vscode.l10n.t('all day') : vscode.l10n.t('at {0}:00', String(END_OF_WORKING_DAY));
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('No due date'), value: null },
      { label: vscode.l10n.t('Today'), description: when, value: near(0) },
      { label: vscode.l10n.t('Tomorrow'), description: when, value: near(1) },
      { label: vscode.l10n.t('In a week'), description: when, value: near(7) },
      { label: vscode.l10n.t('Another Date…'), value: 'typed' as const },
    ],
    { title: vscode.l10n.t('Due date') },
  );
  if (picked === undefined) return undefined;
  if (picked.value !== 'typed') return picked.value ?? null;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Due date'),
    value: addDays(today, 1),
    prompt: takesDays ? vscode.l10n.t('A day (YYYY-MM-DD) for all day, or a day and a time (YYYY-MM-DD HH:MM).') : vscode.l10n.t('A day and a time (YYYY-MM-DD HH:MM); a day alone is due at {0}:00.', String(END_OF_WORKING_DAY)),
    validateInput: (value) => (typedDue(value, takesDays) ? undefined : vscode.l10n.t('Write a date as YYYY-MM-DD, with a time as HH:MM if you like.')),
  });
  return text === undefined ? undefined : typedDue(text, takesDays);
}
