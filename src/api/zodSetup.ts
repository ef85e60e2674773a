/**
 * Imported first by the extension's entry. zod's compiled ("JIT") parsers probe
 * `navigator` to decide whether they may use `new Function`; in VS Code's extension
 * host that probe logs a PendingMigrationError. The plain parsers are what remains.
 * zod/mini carries no messages of its own: the English ones make the log readable.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config({ jitless: true, ...en() });
