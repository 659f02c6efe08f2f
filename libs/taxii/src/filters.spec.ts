import { filterKey, matches, parseFilters } from './filters';
import { parseMicros } from './timestamps';

const obj = {
  id: 'indicator--6f1c9e0a-3b7e-4c55-9d2a-0e8b1f4c7a21',
  type: 'indicator',
  specVersion: '2.1',
  dateAdded: parseMicros('2026-11-20T02:15:00.000002Z')!,
  version: parseMicros('2026-11-20T02:15:00.000Z')!,
};

describe('TAXII filters', () => {
  it('added_after is strict, to the microsecond', () => {
    expect(matches(obj, parseFilters({ added_after: '2026-11-20T02:15:00.000001Z' }))).toBe(true);
    expect(matches(obj, parseFilters({ added_after: '2026-11-20T02:15:00.000002Z' }))).toBe(false);
    expect(matches(obj, parseFilters({ added_after: '2026-11-20T02:15:00.0000019Z' }))).toBe(true);
  });

  it('match[type], match[id], match[version], match[spec_version]', () => {
    expect(matches(obj, parseFilters({ 'match[type]': 'sighting,indicator' }))).toBe(true);
    expect(matches(obj, parseFilters({ 'match[type]': 'sighting' }))).toBe(false);
    expect(matches(obj, parseFilters({ 'match[id]': obj.id }))).toBe(true);
    expect(matches(obj, parseFilters({ 'match[id]': 'indicator--00000000-0000-4000-8000-000000000000' }))).toBe(false);
    for (const v of ['last', 'first', 'all', '2026-11-20T02:15:00Z', '2020-01-01T00:00:00Z,all'])
      expect(matches(obj, parseFilters({ 'match[version]': v }))).toBe(true);
    expect(matches(obj, parseFilters({ 'match[version]': '2026-11-20T02:15:00.001Z' }))).toBe(false);
    expect(matches(obj, parseFilters({ 'match[spec_version]': '2.1' }))).toBe(true);
    expect(matches(obj, parseFilters({ 'match[spec_version]': '2.0' }))).toBe(false);
  });

  it('reports every bad parameter at once', () => {
    try {
      parseFilters({
        added_after: 'soon',
        'match[type]': 'Indicator',
        'match[id]': 'x',
        'match[version]': 'newest',
        'match[spec_version]': 'two',
      });
      throw new Error('not thrown');
    } catch (e) {
      expect((e as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'added_after',
        'match[id]',
        'match[type]',
        'match[version]',
        'match[spec_version]',
      ]);
    }
  });

  it('the filter key ignores order and spelling of equal filters, and differs for different ones', () => {
    expect(filterKey(parseFilters({ 'match[type]': 'indicator,sighting' }))).toBe(
      filterKey(parseFilters({ 'match[type]': 'sighting, indicator' })),
    );
    expect(filterKey(parseFilters({ added_after: '2026-11-20T10:15:00+08:00' }))).toBe(
      filterKey(parseFilters({ added_after: '2026-11-20T02:15:00.000000Z' })),
    );
    expect(filterKey(parseFilters({}))).not.toBe(filterKey(parseFilters({ 'match[type]': 'indicator' })));
  });
});
