const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The origin (scheme, host, port) of a base URL, the unit a key is bound to; undefined for an invalid URL. */
export function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a base URL may not carry the API key, or `undefined` when it may.
 * Plain `http:` is allowed only to this machine, so the key never crosses a network in clear text.
 */
export function unsafeBaseUrlReason(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `"${baseUrl}" is not a valid URL.`;
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : `"${url.origin}" uses plain http: the API key would travel unencrypted. Use https, or http only to localhost.`;
  }
  return `"${url.protocol}" is not supported: use an https URL.`;
}
