import { SERVICES } from '../api/services';
import type { Settings } from '../config';

/** The key of the chosen service in the extension host's environment (`LIGHTFIELD_API_KEY`, `CLOSE_API_KEY`), if any. */
export function environmentKey(settings: Settings): string | undefined {
  return process.env[SERVICES[settings.service].keyVariable]?.trim() || undefined;
}
