/** The services the extension speaks, by ID: what each can do, where it lives by default, and its adapter. */
import { CLOSE_CAPABILITIES, DEFAULT_CLOSE_BASE_URL } from './close/capabilities';
import { DeferredProvider } from './deferredProvider';
import type { Capabilities, ServiceId } from './domain';
import { DEFAULT_BASE_URL, LIGHTFIELD_CAPABILITIES } from './lightfield/capabilities';
import type { ProviderOptions, TaskProvider } from './provider';

export interface Service {
  capabilities: Capabilities;
  defaultBaseUrl: string;
  /** The setting (under `lightfield.`) that holds its base URL. */
  baseUrlSetting: string;
  /** The environment variable a key may come from (`LIGHTFIELD_API_KEY`, `CLOSE_API_KEY`). */
  keyVariable: string;
  /** What its remembered state's keys start with (Lightfield's none: its state keeps the names it had before a second service existed). */
  statePrefix: string;
  connect(options: ProviderOptions): TaskProvider;
}

export const SERVICES: Record<ServiceId, Service> = {
  lightfield: {
    capabilities: LIGHTFIELD_CAPABILITIES,
    defaultBaseUrl: DEFAULT_BASE_URL,
    baseUrlSetting: 'baseUrl',
    keyVariable: 'LIGHTFIELD_API_KEY',
    statePrefix: '',
    connect: (options) => new DeferredProvider(LIGHTFIELD_CAPABILITIES, options, async () => (await import('./lightfield/client')).LightfieldProvider),
  },
  close: {
    capabilities: CLOSE_CAPABILITIES,
    defaultBaseUrl: DEFAULT_CLOSE_BASE_URL,
    baseUrlSetting: 'close.baseUrl',
    keyVariable: 'CLOSE_API_KEY',
    statePrefix: 'close:',
    connect: (options) => new DeferredProvider(CLOSE_CAPABILITIES, options, async () => (await import('./close/client')).CloseProvider),
  },
};

export const SERVICE_IDS = Object.keys(SERVICES) as ServiceId[];

export function isServiceId(value: unknown): value is ServiceId {
  return typeof value === 'string' && value in SERVICES;
}
