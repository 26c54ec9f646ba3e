/**
 * Response headers that are the same on every response that carries them, kept as Node writes
 * them (a flat list of names and values) with their names for lookups. A direct response writes
 * them with its head as they are: building a Fetch `Headers` for them, and iterating it back out
 * (sorted) for Node, cost more than the rest of the SSE response's head.
 */
export interface HeaderLines {
  /** `[name, value, name, value, …]`, names in lower case. */
  readonly flat: readonly string[];
  readonly names: ReadonlySet<string>;
}

export function headerLines(
  headers: Iterable<readonly [string, string]> | Record<string, string>,
): HeaderLines {
  const entries = Symbol.iterator in headers ? [...headers] : Object.entries(headers);
  return {
    flat: entries.flatMap(([name, value]) => [name.toLowerCase(), value]),
    names: new Set(entries.map(([name]) => name.toLowerCase())),
  };
}
