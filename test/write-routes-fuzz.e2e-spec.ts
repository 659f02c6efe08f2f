import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, startApi, testConfig, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';

/**
 * Issue 10 §2: generated JSON bodies — wrong types, odd Unicode (U+0000, lone surrogates, BOMs, bidi controls,
 * astral characters), deep and wide shapes, huge numbers, bytes that are not UTF-8 — thrown at every write route
 * the OpenAPI document lists. Whatever comes in, the answer is never a 5xx, an error always has the contract's
 * shape (TAXII's own shape on TAXII routes), and every answer matches the document (support/openapi-contract).
 * Fixed seed and a bounded number of runs per route, so CI sees the same inputs every time.
 */
const SEED = 20261203;
const RUNS = 30;
const ADMIN = 'test-admin-key-0123456789abcdef';

type Schema = Record<string, any>;
const doc = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'openapi.json'), 'utf8'));
const WRITE = ['post', 'put', 'patch', 'delete'];
const routes = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, ops]) =>
  Object.entries(ops)
    .filter(([method]) => WRITE.includes(method))
    .map(([method, op]) => {
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
      const type = Object.keys(content)[0] ?? 'application/json';
      return { method: method.toUpperCase(), path, type, schema: content[type]?.schema, access: (op['x-access'] ?? []) as string[] };
    }),
);

const resolve = (s: Schema | undefined): Schema => {
  let at = s ?? {};
  while (at.$ref)
    at = at.$ref
      .split('/')
      .slice(1)
      .reduce((o: any, k: string) => o[k], doc);
  if (at.allOf?.length === 1) return resolve(at.allOf[0]);
  return at;
};

const ODD = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\u202e',
  '\u{10ffff}',
  '\u{1f600}',
  '\ufffd',
  '한국',
  '\u0301',
  '\n',
  '"',
  '\\',
  '%00',
];
const oddString = fc
  .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ maxLength: 8, unit: 'binary' }), fc.string({ maxLength: 8 })), { maxLength: 5 })
  .map((parts) => parts.join(''));
/** Marks a place in the body where a number JSON.stringify cannot write (1e400, 30 digits) goes into the raw text. */
const HUGE = '\u0001HUGE\u0001';
const HUGE_TEXT = ['1e400', '-1e400', '123456789012345678901234567890', '1e-400', '0.0000000000000000000000000001'];
const hugeNumber = fc.oneof(fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2, -0, 5e-324), fc.constant(HUGE));
const deep = fc.integer({ min: 20, max: 60 }).map((n) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const wide = fc.oneof(
  fc.integer({ min: 1001, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 500, max: 3000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);
const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, '', [], {}) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: wide },
);

/** A body near the route's schema (right field names, each value right or wrong), or anything at all. */
function near(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (depth > 6) return anything;
  let typed: fc.Arbitrary<unknown>;
  if (s.enum) typed = fc.constantFrom(...(s.enum as unknown[]));
  else if (s.oneOf || s.anyOf) typed = fc.oneof(...((s.oneOf ?? s.anyOf) as Schema[]).map((x) => near(x, depth + 1)));
  else if (s.type === 'object' || s.properties) {
    const props = Object.fromEntries(
      Object.entries((s.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [k, near(v, depth + 1)]),
    );
    typed = fc
      .tuple(fc.record(props, { requiredKeys: [] }), fc.option(fc.tuple(oddString, anything), { freq: 4 }))
      .map(([rec, extra]) => (extra ? { ...rec, [extra[0]]: extra[1] } : rec));
  } else if (s.type === 'array') typed = fc.array(near(s.items, depth + 1), { maxLength: 3 });
  else if (s.type === 'string')
    typed = fc.oneof(s.example !== undefined ? fc.constant(s.example) : fc.string({ maxLength: 20 }), oddString);
  else if (s.type === 'integer' || s.type === 'number') typed = fc.oneof(fc.integer(), hugeNumber);
  else if (s.type === 'boolean') typed = fc.boolean();
  else typed = anything;
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: anything });
}

/** The body as bytes: JSON text, now and then with huge numbers written in, or with bytes that are not UTF-8. */
const bytes = (schema: Schema | undefined) =>
  fc.tuple(near(schema), fc.nat({ max: HUGE_TEXT.length - 1 }), fc.option(fc.nat(), { freq: 6 })).map(([body, h, cut]) => {
    const text = (JSON.stringify(body) ?? 'null').split(JSON.stringify(HUGE)).join(HUGE_TEXT[h]);
    const raw = Buffer.from(text);
    if (cut === null) return raw;
    const at = cut % (raw.length + 1);
    return Buffer.concat([raw.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), raw.subarray(at)]);
  });

/** Percent-encodes a path parameter; a lone surrogate goes as the bytes a careless encoder would send (not UTF-8). */
const encodeParam = (s: string) =>
  [...s]
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0xd800 || c > 0xdfff) return encodeURIComponent(ch);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');

const pathParam = fc.oneof(
  fc.uuid(),
  oddString.filter((s) => s.length > 0),
  fc.constantFrom('0', '-1', 'x'.repeat(300)),
);

describe('write routes: generated bodies never cause a 5xx and errors keep the contract shape', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  const keys: Record<string, string | undefined> = { public: undefined, admin: ADMIN };

  beforeAll(async () => {
    db = await createTestDatabase('fuzz');
    api = await startApi(
      testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN, NODE_ID: 'sg-test', JURISDICTION: 'SG', ANON_REPORT_LIMIT: '100000' }),
    );
    for (const role of ['reporter', 'analyst'] as const) {
      const res = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: `fuzz-${role}`, trust: 'medium' } });
      keys[role] = res.body.key;
    }
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('finds the write routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /v1/reports', 'POST /v1/reports/batch']));
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, route) => {
    const role = ['public', 'analyst', 'reporter', 'admin'].find((r) => route.access.includes(r)) ?? 'analyst';
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    await fc.assert(
      fc.asyncProperty(
        bytes(route.schema),
        fc.array(pathParam, { minLength: names.length, maxLength: names.length }),
        async (raw, params) => {
          const url = names.reduce((u, name, i) => u.replace(`{${name}}`, encodeParam(params[i])), route.path);
          const res = await call(`${api.url}${url}`, {
            method: route.method,
            key: keys[role],
            raw,
            headers: { 'content-type': route.type },
          });
          expect(res.status).toBeLessThan(500);
          if (res.status < 400) return;
          if (route.path.startsWith('/taxii2/'))
            expect(res.body).toMatchObject({ title: expect.any(String), http_status: String(res.status) });
          else {
            expect(Object.keys(res.body).sort()).toEqual(['error', 'requestId']);
            expect(res.body.error).toEqual({
              code: expect.stringMatching(/^[a-z_]+$/),
              message: expect.any(String),
              ...(res.body.error.details !== undefined
                ? { details: res.body.error.details.map(() => ({ path: expect.any(String), message: expect.any(String) })) }
                : {}),
            });
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
  });
});
