/**
 * A value built on first use and kept: `const schema = lazy(() => z.object(...))`, then
 * `schema()` wherever it is needed. Module import stays cheap (zod schemas cost tens of
 * milliseconds to build), and every caller shares the one instance.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
