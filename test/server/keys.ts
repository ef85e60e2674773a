/** The local server's API keys, shared with the suites that run in the extension host (no server code there). */
export const DEFAULT_KEY = 'sk_lf_local';
/** A second account's key, accepted by the integration run's server: the one a hostile link would try to switch to. */
export const OTHER_ACCOUNT_KEY = 'sk_lf_other_account';
/** A key without `tasks:read`, accepted by the integration run's server: sign-in must say it cannot read tasks. */
export const NO_READ_KEY = 'sk_lf_members_only';
/** A key that may read tasks and members but write nothing, accepted by the integration run's server: the agent's writes refuse. */
export const READ_ONLY_KEY = 'sk_lf_read_only';
/** The local Close server's key, sent as the Basic auth user name. */
export const DEFAULT_CLOSE_KEY = 'api_local_close';
