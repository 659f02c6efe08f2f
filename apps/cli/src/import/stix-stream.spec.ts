import * as fc from 'fast-check';
import { BundleElement, BundleFormatError, BundleScanResult, bundleObjects } from './stix-stream';

async function* chunked(text: string, sizes: number[]): AsyncGenerator<string> {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    yield text.slice(i, i + n);
    i += n;
  }
}

async function scan(text: string, sizes = [65536], max?: number): Promise<{ elements: BundleElement[]; type?: string }> {
  const result: BundleScanResult = {};
  const elements: BundleElement[] = [];
  for await (const e of bundleObjects(chunked(text, sizes), result, max)) elements.push(e);
  return { elements, type: result.type };
}

const bundle = {
  objects: [
    { type: 'identity', id: 'identity--1', name: 'A "quoted" name, with [brackets] and {braces}', nested: { deep: [1, 2, { x: '\\' }] } },
    {
      type: 'indicator',
      id: 'indicator--2',
      pattern: "[url:value = 'https://x.top/a?b=\\'c\\'']",
      labels: ['phishing'],
      note: '한국어 텍스트 😀',
    },
    [1, 2],
    'a bare string',
    42,
    null,
  ],
  type: 'bundle',
  id: 'bundle--3',
  spec_version: '2.1',
};

describe('bundleObjects (streaming STIX bundle reader)', () => {
  it('yields each element of "objects" as parsed JSON, whatever the chunk boundaries', async () => {
    const text = JSON.stringify(bundle, null, 2);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
        const { elements, type } = await scan(text, sizes);
        expect(type).toBe('bundle');
        expect(elements).toEqual(bundle.objects.map((value, index) => ({ index, value })));
      }),
      { numRuns: 60 },
    );
  });

  it('reads "type" wherever it is, and skips other root members, objects and arrays included', async () => {
    const text = JSON.stringify({
      type: 'bundle',
      x_meta: { objects: [{ type: 'fake' }] },
      list: [[{ a: 1 }]],
      objects: [{ type: 'x', id: 'x--1' }],
    });
    const { elements, type } = await scan(text, [3]);
    expect(type).toBe('bundle');
    expect(elements).toEqual([{ index: 0, value: { type: 'x', id: 'x--1' } }]);
  });

  it('reports a broken element and goes on with the next', async () => {
    const text = '{"type":"bundle","objects":[{"type":"a","id":"a--1"},{"type": tru},{"type":"b","id":"b--2"}]}';
    const { elements } = await scan(text, [5]);
    expect(elements[0]).toEqual({ index: 0, value: { type: 'a', id: 'a--1' } });
    expect(elements[1]).toEqual({ index: 1, error: expect.stringMatching(/^objects\[1\] is not valid JSON/) });
    expect(elements[2]).toEqual({ index: 2, value: { type: 'b', id: 'b--2' } });
  });

  it('refuses what is not a bundle object, and truncated files', async () => {
    await expect(scan('[{"type":"bundle"}]')).rejects.toThrow(BundleFormatError);
    await expect(scan('{"type":"bundle","objects":{}}')).rejects.toThrow('"objects" is not an array');
    await expect(scan('{"type":"bundle"}')).rejects.toThrow('no "objects" array');
    await expect(scan('{"type":"bundle","objects":[{"type":"a"}')).rejects.toThrow('truncated');
    await expect(scan('{"type":"bundle","objects":[]} {}')).rejects.toThrow('unexpected text after the bundle');
  });

  it('bounds memory: an object larger than the limit is refused', async () => {
    const text = JSON.stringify({ type: 'bundle', objects: [{ type: 'a', blob: 'x'.repeat(5000) }] });
    await expect(scan(text, [1000], 2000)).rejects.toThrow('objects[0] is larger than 2000 characters');
  });
});
