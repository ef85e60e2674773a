/** A link to a line of a file on the repository's web host. No `vscode` here. */

/** `git@github.com:org/repo.git` or `https://gitlab.com/org/repo.git` → `https://github.com/org/repo`. */
export function webBaseOfRemote(remote: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(remote);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  try {
    const url = new URL(remote);
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    const path = url.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '');
    return path.length > 1 ? `https://${url.hostname}${path}` : undefined;
  } catch {
    return undefined;
  }
}

/** GitHub, GitLab and Gitea-style hosts share `/blob/<rev>/<path>#L<n>`; Bitbucket uses `/src/` and `#lines-`. */
export function lineLink(remote: string, revision: string, relativePath: string, line: number): string | undefined {
  const base = webBaseOfRemote(remote);
  if (!base) return undefined;
  const path = relativePath.split(/[\\/]/).map(encodeURIComponent).join('/');
  if (new URL(base).hostname === 'bitbucket.org') return `${base}/src/${revision}/${path}#lines-${line + 1}`;
  return `${base}/blob/${revision}/${path}#L${line + 1}`;
}
