/** The services the extension speaks, by ID: what each can do, where it lives by default, and its adapter. */
import { CLOSE_CAPABILITIES, CloseProvider } from './close/client';
import { DEFAULT_CLOSE_BASE_URL } from './close/http';
import type { Capabilities, ServiceId } from './domain';
import { LIGHTFIELD_CAPABILITIES, LightfieldProvider } from './lightfield/client';
import { DEFAULT_BASE_URL } from './lightfield/http';
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
    connect: (options) => new LightfieldProvider(options),
  },
  close: {
    capabilities: CLOSE_CAPABILITIES,
    defaultBaseUrl: DEFAULT_CLOSE_BASE_URL,
    baseUrlSetting: 'close.baseUrl',
    keyVariable: 'CLOSE_API_KEY',
    statePrefix: 'close:',
    connect: (options) => new CloseProvider(options),
  },
};

export const SERVICE_IDS = Object.keys(SERVICES) as ServiceId[];

export function isServiceId(value: unknown): value is ServiceId {
  return typeof value === 'string' && value in SERVICES;
}
