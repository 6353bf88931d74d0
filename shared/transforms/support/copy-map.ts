/**
 * A shallow copy of a schemaless map, in the same order (Java's `new HashMap<>(map)` as the
 * transforms use it). Filling a new Map through `forEach` is markedly faster in V8 than
 * `new Map(map)`, which goes through the generic iterator protocol.
 */
export function copyMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const copy = new Map<K, V>();
  map.forEach((value, key) => {
    copy.set(key, value);
  });
  return copy;
}
