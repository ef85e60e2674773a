/**
 * Imported first by the extension's entry. zod's compiled ("JIT") parsers probe
 * `navigator` to decide whether they may use `new Function`; in VS Code's extension
 * host that probe logs a PendingMigrationError. The plain parsers are what remains.
 * zod/mini carries no messages of its own; these few short ones (the log also names
 * each issue's path) cost less than a whole locale.
 */
import { config } from 'zod/mini';

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

config({
  jitless: true,
  localeError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return `expected ${issue.expected}, received ${kindOf(issue.input)}`;
      case 'invalid_value':
        return `expected one of ${issue.values.map(String).join(', ')}`;
      case 'too_big':
        return `at most ${String(issue.maximum)} allowed`;
      case 'too_small':
        return `at least ${String(issue.minimum)} needed`;
      default:
        return issue.code.replaceAll('_', ' ');
    }
  },
});
