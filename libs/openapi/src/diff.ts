const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Json = Record<string, unknown>;

/** Stable serialisation: object keys sorted, so key order alone never counts as drift. */
export function stableStringify(v: unknown, indent = 2): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object')
      return Object.fromEntries(
        Object.keys(x as Json)
          .sort()
          .map((k) => [k, sort((x as Json)[k])]),
      );
    return x;
  };
  return `${JSON.stringify(sort(v), null, indent)}\n`;
}

const same = (a: unknown, b: unknown) => stableStringify(a, 0) === stableStringify(b, 0);

function operations(doc: Json): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const m of METHODS) if (item?.[m]) out.set(`${m.toUpperCase()} ${path}`, item[m]);
  }
  return out;
}

function compareMaps(label: string, committed: Map<string, unknown>, current: Map<string, unknown>): string[] {
  const lines: string[] = [];
  for (const k of current.keys()) if (!committed.has(k)) lines.push(`+ ${label} ${k} (in the code, not in the committed spec)`);
  for (const k of committed.keys()) if (!current.has(k)) lines.push(`- ${label} ${k} (in the committed spec, gone from the code)`);
  for (const [k, v] of current) if (committed.has(k) && !same(committed.get(k), v)) lines.push(`~ ${label} ${k} changed`);
  return lines;
}

/**
 * What differs between the committed document and the one the code produces, one line per operation, schema
 * or top-level field; empty when they agree.
 */
export function diffDocuments(committed: Json, current: Json): string[] {
  const lines = compareMaps('operation', operations(committed), operations(current));
  const schemas = (d: Json) => new Map(Object.entries(((d.components as Json | undefined)?.schemas ?? {}) as Json));
  lines.push(...compareMaps('schema', schemas(committed), schemas(current)));
  const rest = (d: Json) => {
    const { paths: _p, components, ...others } = d;
    const { schemas: _s, ...otherComponents } = (components ?? {}) as Json;
    return new Map(Object.entries({ ...others, components: otherComponents }));
  };
  lines.push(...compareMaps('field', rest(committed), rest(current)));
  return lines;
}
