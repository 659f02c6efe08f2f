import { checkItems } from './check-items';

describe('checkItems', () => {
  it('passes good items through and answers each bad one in place, in order', () => {
    const out = checkItems([
      { value: '+6581234567' },
      { value: 'evil.com', type: 'domain', region: 'SG' },
      'not an object',
      null,
      [],
      { value: '' },
      { value: 42 },
      { value: 'x', type: 'planet' },
      { value: 'x', region: 'sg' },
      { value: 'x', colour: 'red' },
      { value: 'a'.repeat(2049) },
    ]);
    expect(out.slice(0, 2)).toEqual([
      { q: '+6581234567', type: undefined, region: undefined },
      { q: 'evil.com', type: 'domain', region: 'SG' },
    ]);
    expect(out.slice(2).map((i) => i.problem?.code)).toEqual(Array(9).fill('validation_failed'));
    expect(out.slice(2).map((i) => i.problem?.reason)).toEqual([
      'an item is an object {"value","type"?,"region"?}',
      'an item is an object {"value","type"?,"region"?}',
      'an item is an object {"value","type"?,"region"?}',
      'value must be a non-empty string',
      'value must be a non-empty string',
      expect.stringContaining('type must be one of phone'),
      'region must be an ISO 3166-1 alpha-2 code in upper case',
      'unknown field "colour"',
      'value is longer than 2048 characters',
    ]);
    expect(out[8].q).toBe('x');
  });
});
