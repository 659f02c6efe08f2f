/*
 * Large list parameters as one text. node-pg serialises an array parameter element by element (escaping and quoting
 * each): for the 10⁴–10⁵ fingerprints and ids of one clustering step that was a large share of the step's CPU.
 * Fingerprints, ids, counts and uuids cannot hold a comma, so they travel comma-joined and PostgreSQL splits them.
 */

/** The values comma-joined, null as `N` (see `unpack`). */
export function packed(values: readonly (string | number | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = v === null || v === undefined ? 'N' : String(v);
    if (typeof v === 'string' && (s.includes(',') || s === 'N')) throw new Error(`packed: a value cannot be packed: ${s}`);
    out += i ? `,${s}` : s;
  }
  return out;
}

/** SQL turning a `packed` parameter back into an array of `type` (`N` is null; an empty text is an empty array). */
export const unpack = (param: string, type: string) => `string_to_array(${param}::text, ',', 'N')::${type}[]`;
