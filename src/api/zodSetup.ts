/**
 * Imported first by the extension's entry. zod's compiled ("JIT") parsers probe
 * `navigator` to decide whether they may use `new Function`; in VS Code's extension
 * host that probe logs a PendingMigrationError. The plain parsers are what remains.
 */
import { z } from 'zod';

z.config({ jitless: true });
