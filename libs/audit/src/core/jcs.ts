/**
 * RFC 8785 JSON Canonicalization Scheme.
 *
 * Written here rather than taken from the `canonicalize` package: v4 of that package is ESM-only with an
 * `exports` map that has only an `import` condition, so neither the CommonJS build (`require`) nor Jest can
 * resolve it. The algorithm is small: ECMAScript number and string serialisation (which RFC 8785 adopts
 * verbatim) plus member names sorted by UTF-16 code units.
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value, '$');
  if (out === undefined) throw new TypeError('JCS: top-level value is not representable in JSON');
  return out;
}

function serialize(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON: () => unknown }).toJSON(), path);
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // I-JSON (RFC 7493) has no NaN/Infinity; silently writing null would make two different inputs hash alike.
      if (!Number.isFinite(value)) throw new TypeError(`JCS: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'string':
      if (hasLoneSurrogate(value)) throw new TypeError(`JCS: lone surrogate in string at ${path}`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`JCS: bigint at ${path}`);
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => {
      const s = serialize(v, `${path}[${i}]`);
      if (s === undefined) throw new TypeError(`JCS: unrepresentable array element at ${path}[${i}]`);
      return s;
    });
    return `[${items.join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const members: string[] = [];
  // Array.prototype.sort without a comparator orders by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  for (const key of Object.keys(obj).sort()) {
    const s = serialize(obj[key], `${path}.${key}`);
    if (s !== undefined) members.push(`${JSON.stringify(key)}:${s}`);
  }
  return `{${members.join(',')}}`;
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
