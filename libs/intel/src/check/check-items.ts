import { INDICATOR_TYPES, type IndicatorType } from '@scamintel/vocabulary';
import type { LookupItem } from '../lookup/lookup.service';

const FIELDS = new Set(['value', 'type', 'region']);
const MAX_VALUE = 2048;

/**
 * The items of a batch check, each checked on its own: a malformed item is answered in place (`problem`) instead of
 * refusing the 999 good ones with it, the way screening systems submit whatever their customers typed.
 */
export function checkItems(items: unknown[]): LookupItem[] {
  return items.map((raw): LookupItem => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      return { q: '', problem: { code: 'validation_failed', reason: 'an item is an object {"value","type"?,"region"?}' } };
    const it = raw as Record<string, unknown>;
    const q = typeof it.value === 'string' ? it.value : '';
    const unknown = Object.keys(it).filter((k) => !FIELDS.has(k));
    const problem = (reason: string): LookupItem => ({ q, problem: { code: 'validation_failed', reason } });
    if (unknown.length) return problem(`unknown field ${JSON.stringify(unknown[0])}`);
    if (typeof it.value !== 'string' || it.value.length === 0) return problem('value must be a non-empty string');
    if (it.value.length > MAX_VALUE) return problem(`value is longer than ${MAX_VALUE} characters`);
    if (it.type !== undefined && !(INDICATOR_TYPES as readonly unknown[]).includes(it.type))
      return problem(`type must be one of ${INDICATOR_TYPES.join(', ')}`);
    if (it.region !== undefined && (typeof it.region !== 'string' || !/^[A-Z]{2}$/.test(it.region)))
      return problem('region must be an ISO 3166-1 alpha-2 code in upper case');
    return { q, type: it.type as IndicatorType | undefined, region: it.region as string | undefined };
  });
}
