/** Every command ID, context key and view ID the manifest declares, in one place. */
export const Commands = {
  showLog: 'lightfield.showLog',
} as const;

export const CONFIG_SECTION = 'lightfield';
