/**
 * The only door to VS Code's notifications, dialogs and status bar messages.
 * Messages often quote a server (an error's message, a task's title), and VS Code
 * renders `[label](command:…)` in them as a link that runs a command, so every
 * message passes through the notification rule on its way out. A unit test keeps
 * `show*Message` and `setStatusBarMessage` out of every other file.
 */
import * as vscode from 'vscode';
import { iconText, notificationText } from './safeText';

type Show = typeof vscode.window.showErrorMessage;

function show(level: Show, message: string, items: string[]): Thenable<string | undefined> {
  return level(notificationText(message), ...items);
}

export function showError(message: string, ...items: string[]): Thenable<string | undefined> {
  return show(vscode.window.showErrorMessage, message, items);
}

export function showWarning(message: string, ...items: string[]): Thenable<string | undefined> {
  return show(vscode.window.showWarningMessage, message, items);
}

export function showInfo(message: string, ...items: string[]): Thenable<string | undefined> {
  return show(vscode.window.showInformationMessage, message, items);
}

/** A modal question: the detail is neutralised line by line, so its list layout stays. */
export function askModal(message: string, detail: string, ...items: string[]): Thenable<string | undefined> {
  const safeDetail = detail.split('\n').map(notificationText).join('\n');
  return vscode.window.showWarningMessage(notificationText(message), { modal: true, detail: safeDetail }, ...items);
}

/** A short-lived status bar message; the status bar renders `$(icon)`, so that is escaped too. */
export function flashStatus(message: string, timeoutMs: number): vscode.Disposable {
  return vscode.window.setStatusBarMessage(iconText(notificationText(message)), timeoutMs);
}
