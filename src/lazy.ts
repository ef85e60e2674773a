/**
 * A part the first paint does not need, loaded by `import()` on its first use (esbuild makes each
 * such import its own chunk). Later calls share the load; a load that failed is tried again.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
