import { acceptsTaxii, isTaxiiContentType } from './media-types';

describe('TAXII media types', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['*/*', true],
    ['application/*', true],
    ['application/taxii+json', true],
    ['application/taxii+json;version=2.1', true],
    ['Application/TAXII+JSON; version="2.1"', true],
    ['text/html, application/taxii+json;version=2.1;q=0.5', true],
    ['application/json', false],
    ['application/taxii+json;version=2.0', false],
    ['application/stix+json;version=2.1', false],
    ['application/taxii+json;version=2.1;q=0', false],
    ['*/*;q=0', false],
    ['text/*', false],
    ['garbage', false],
  ])('Accept %p → %p', (accept, ok) => {
    expect(acceptsTaxii(accept)).toBe(ok);
  });

  it('reads repeated Accept headers together', () => {
    expect(acceptsTaxii(['application/json', 'application/taxii+json'])).toBe(true);
  });

  it.each([
    ['application/taxii+json;version=2.1', true],
    ['application/taxii+json', true],
    ['application/taxii+json; charset=utf-8; version=2.1', true],
    ['application/taxii+json;version=2.0', false],
    ['application/json', false],
    ['application/stix+json;version=2.1', false],
    [undefined, false],
  ])('Content-Type %p → %p', (type, ok) => {
    expect(isTaxiiContentType(type)).toBe(ok);
  });
});
