/** The local server's API keys, shared with the suites that run in the extension host (no server code there). */
export const DEFAULT_KEY = 'sk_lf_local';
/** A second account's key, accepted by the integration run's server: the one a hostile link would try to switch to. */
export const OTHER_ACCOUNT_KEY = 'sk_lf_other_account';
/** The local Close server's key, sent as the Basic auth user name. */
export const DEFAULT_CLOSE_KEY = 'api_local_close';
