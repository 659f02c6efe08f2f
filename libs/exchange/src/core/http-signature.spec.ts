import { KeyObject, createPrivateKey, createPublicKey, sign } from 'crypto';
import { HeaderBag, signatureBase } from './signature-base';
import { signRequest, verifyRequest, VerifyRequestInput } from './http-signature';
import { generateKeyPair, jwkThumbprint } from './keys';
import { Item, parseDictionary, InnerList } from './structured-fields';

// RFC 9421 Appendix B.1.4 test-key-ed25519 and the B.2.6 request, base and signature as published.
const TEST_KEY_PRIV = createPrivateKey(
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n',
);
const TEST_KEY_PUB = createPublicKey(
  '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n',
);
const B26_HEADERS: HeaderBag = {
  Host: 'example.com',
  Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
  'Content-Type': 'application/json',
  'Content-Digest': 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
  'Content-Length': '18',
  'Signature-Input':
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  Signature: 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
};
const B26_BASE = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@method": POST',
  '"@path": /foo',
  '"@authority": example.com',
  '"content-type": application/json',
  '"content-length": 18',
  '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join('\n');
const B26_REQ = { method: 'POST', targetUri: 'https://example.com/foo?param=Value&Pet=dog', headers: B26_HEADERS };

describe('RFC 9421 Appendix B.2.6 (Ed25519) interoperability', () => {
  const member = parseDictionary(B26_HEADERS['Signature-Input'] as string).get('sig-b26') as InnerList;

  it('rebuilds the published signature base', () => {
    expect(signatureBase(B26_REQ, member.items, member.params).base).toBe(B26_BASE);
  });

  it('reproduces the published signature with the published key (Ed25519 is deterministic)', () => {
    expect(sign(null, Buffer.from(B26_BASE), TEST_KEY_PRIV).toString('base64')).toBe(
      'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==',
    );
  });

  const relaxed = {
    resolveKey: (k: string) => (k === 'test-key-ed25519' ? TEST_KEY_PUB : undefined),
    seenNonce: () => false,
    now: 1618884473 * 1000,
    requiredComponents: [],
    requiredParams: ['created', 'keyid'],
  };

  it('verifies the published request, and fails it once a covered header changes', () => {
    expect(verifyRequest({ ...B26_REQ, ...relaxed })).toMatchObject({
      ok: true,
      keyId: 'test-key-ed25519',
      created: 1618884473,
      label: 'sig-b26',
    });
    const tampered = { ...B26_REQ, headers: { ...B26_HEADERS, Date: 'Tue, 20 Apr 2021 02:07:56 GMT' } };
    expect(verifyRequest({ ...tampered, ...relaxed })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('is still refused under the exchange profile, which needs @target-uri and a nonce', () => {
    expect(verifyRequest({ ...B26_REQ, ...relaxed, requiredComponents: undefined, requiredParams: undefined })).toMatchObject({
      ok: false,
      reason: 'missing_components',
    });
  });
});

describe('signRequest / verifyRequest (exchange profile)', () => {
  const sender = generateKeyPair();
  const keyId = jwkThumbprint(sender.publicKey);
  const created = 1_760_000_000;
  const body = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [] });
  const uri = 'https://kr.example/v1/exchange/inbox';
  const head = { seq: 41, hash: 'ab'.repeat(32) };

  function signed(extra: Partial<Parameters<typeof signRequest>[0]> = {}) {
    const headers = { 'content-type': 'application/stix+json;version=2.1' };
    const added = signRequest({
      method: 'POST',
      targetUri: uri,
      body,
      headers,
      keyId,
      privateKey: sender.privateKey,
      created,
      nonce: 'n-1',
      auditHead: head,
      ...extra,
    });
    return { method: 'POST', targetUri: uri, body, headers: { ...headers, ...added } as HeaderBag };
  }
  function opts(overrides: Partial<VerifyRequestInput> = {}) {
    const seen = new Set<string>();
    return {
      resolveKey: (k: string): KeyObject | undefined => (k === keyId ? sender.publicKey : undefined),
      seenNonce: (k: string, n: string) => seen.has(`${k} ${n}`) || (seen.add(`${k} ${n}`), false),
      now: created * 1000,
      ...overrides,
    };
  }

  it('emits the contract headers with the contract parameters', () => {
    const h = signed().headers;
    expect(h['Content-Digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]+=*:$/);
    expect(h['Signature-Input']).toBe(
      `sig1=("@method" "@target-uri" "content-digest" "audit-head");created=${created};nonce="n-1";keyid="${keyId}";alg="ed25519"`,
    );
    expect(h['Signature']).toMatch(/^sig1=:[A-Za-z0-9+/]{86}==:$/);
    expect(h['Audit-Head']).toBe(`seq=41, hash="${head.hash}"`);
  });

  it('round-trips and hands back the signed audit head', () => {
    expect(verifyRequest({ ...signed(), ...opts() })).toEqual({
      ok: true,
      keyId,
      nonce: 'n-1',
      created,
      label: 'sig1',
      components: ['@method', '@target-uri', 'content-digest', 'audit-head'],
      auditHead: head,
    });
  });

  it('signs a body-less GET over method and target URI only', () => {
    const added = signRequest({
      method: 'GET',
      targetUri: `${uri.replace('inbox', 'outbox')}?after=5&limit=10`,
      keyId,
      privateKey: sender.privateKey,
      created,
    });
    expect(added['Content-Digest']).toBeUndefined();
    expect(added['Signature-Input']).toMatch(/^sig1=\("@method" "@target-uri"\);created=\d+;nonce="[A-Za-z0-9_-]{22}";keyid=/);
    const req = { method: 'GET', targetUri: `${uri.replace('inbox', 'outbox')}?after=5&limit=10`, headers: added };
    expect(verifyRequest({ ...req, ...opts() })).toMatchObject({ ok: true });
    expect(verifyRequest({ ...req, targetUri: req.targetUri.replace('after=5', 'after=0'), ...opts() })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('accepts loosely written but equal target URIs on either side', () => {
    const req = signed({ targetUri: 'HTTPS://KR.example:443/v1/exchange/inbox' });
    expect(verifyRequest({ ...req, targetUri: uri, ...opts() })).toMatchObject({ ok: true });
  });

  it.each([
    ['method', (r: ReturnType<typeof signed>) => ({ ...r, method: 'PUT' }), 'bad_signature'],
    ['target host', (r: ReturnType<typeof signed>) => ({ ...r, targetUri: uri.replace('kr.example', 'evil.example') }), 'bad_signature'],
    ['target path', (r: ReturnType<typeof signed>) => ({ ...r, targetUri: `${uri}x` }), 'bad_signature'],
    ['target query', (r: ReturnType<typeof signed>) => ({ ...r, targetUri: `${uri}?a=1` }), 'bad_signature'],
    ['body', (r: ReturnType<typeof signed>) => ({ ...r, body: body.replace('bundle--1', 'bundle--2') }), 'bad_digest'],
    [
      'body and its digest',
      (r: ReturnType<typeof signed>) => {
        const b = body.replace('bundle--1', 'bundle--2');
        return {
          ...r,
          body: b,
          headers: {
            ...r.headers,
            'Content-Digest': signRequest({ method: 'POST', targetUri: uri, body: b, keyId, privateKey: sender.privateKey })[
              'Content-Digest'
            ],
          },
        };
      },
      'bad_signature',
    ],
    [
      'audit head',
      (r: ReturnType<typeof signed>) => ({ ...r, headers: { ...r.headers, 'Audit-Head': `seq=40, hash="${'ab'.repeat(32)}"` } }),
      'bad_signature',
    ],
    [
      'created',
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: {
          ...r.headers,
          'Signature-Input': String(r.headers['Signature-Input']).replace(`created=${created}`, `created=${created + 1}`),
        },
      }),
      'bad_signature',
    ],
    [
      'nonce',
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: { ...r.headers, 'Signature-Input': String(r.headers['Signature-Input']).replace('nonce="n-1"', 'nonce="n-2"') },
      }),
      'bad_signature',
    ],
    [
      'signature bytes',
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: { ...r.headers, Signature: String(r.headers.Signature).replace(/:(.)/, (_m, c) => `:${c === 'A' ? 'B' : 'A'}`) },
      }),
      'bad_signature',
    ],
  ])('rejects a changed %s', (_name, tamper, reason) => {
    expect(verifyRequest({ ...tamper(signed()), ...opts() })).toMatchObject({ ok: false, reason });
  });

  it('will not accept a signed digest without the body to check it against', () => {
    const { body: _b, ...withoutBody } = signed();
    expect(verifyRequest({ ...withoutBody, ...opts() })).toMatchObject({ ok: false, reason: 'bad_digest' });
  });

  it('rejects a signature by another key under our keyid, and an unknown keyid', () => {
    const other = generateKeyPair();
    expect(verifyRequest({ ...signed({ privateKey: other.privateKey }), ...opts() })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest({ ...signed({ keyId: 'someone-else' }), ...opts() })).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('allows 300 s of clock skew either way and no more', () => {
    for (const d of [-300, 300]) expect(verifyRequest({ ...signed(), ...opts({ now: (created + d) * 1000 }) })).toMatchObject({ ok: true });
    for (const d of [-301, 301])
      expect(verifyRequest({ ...signed(), ...opts({ now: (created + d) * 1000 }) })).toMatchObject({ ok: false, reason: 'stale' });
    expect(verifyRequest({ ...signed(), ...opts({ now: (created + 60) * 1000, maxSkewSeconds: 30 }) })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
  });

  it('refuses a replayed nonce, but a rejected request does not burn its nonce', () => {
    const o = opts();
    expect(verifyRequest({ ...signed(), ...o, method: 'PUT' })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest({ ...signed(), ...o })).toMatchObject({ ok: true });
    expect(verifyRequest({ ...signed(), ...o })).toMatchObject({ ok: false, reason: 'replay' });
  });

  it('reports missing and malformed signatures', () => {
    const r = signed();
    const without = (name: string) => Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== name));
    expect(verifyRequest({ ...r, headers: without('Signature'), ...opts() })).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(verifyRequest({ ...r, headers: without('Signature-Input'), ...opts() })).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verifyRequest({ ...r, headers: { ...r.headers, Signature: 'sig1=not base64' }, ...opts() })).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verifyRequest({ ...r, headers: { ...r.headers, Signature: 'sig1="abc"' }, ...opts() })).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verifyRequest({ ...r, headers: { ...r.headers, Signature: 'other=:AAAA:' }, ...opts() })).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
    const badAlg = String(r.headers['Signature-Input']).replace('alg="ed25519"', 'alg="rsa-pss-sha512"');
    expect(verifyRequest({ ...r, headers: { ...r.headers, 'Signature-Input': badAlg }, ...opts() })).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    const stringCreated = String(r.headers['Signature-Input']).replace(`created=${created}`, `created="${created}"`);
    expect(verifyRequest({ ...r, headers: { ...r.headers, 'Signature-Input': stringCreated }, ...opts() })).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
  });

  /** Signs an arbitrary covered list, to build requests signRequest would never produce. */
  function customSigned(covered: string[], params: [string, string | number][]) {
    const headers: HeaderBag = { 'Content-Digest': signed().headers['Content-Digest'] };
    const items: Item[] = covered.map((value) => ({ value, params: new Map() }));
    const { base, signatureParams } = signatureBase({ method: 'POST', targetUri: uri, headers }, items, new Map(params));
    const sig = sign(null, Buffer.from(base), sender.privateKey).toString('base64');
    return {
      method: 'POST',
      targetUri: uri,
      body,
      headers: { ...headers, 'Signature-Input': `sig1=${signatureParams}`, Signature: `sig1=:${sig}:` },
    };
  }

  it('requires @method, @target-uri, content-digest with a body, and created/keyid/nonce', () => {
    const all: [string, string | number][] = [
      ['created', created],
      ['keyid', keyId],
      ['nonce', 'x'],
    ];
    expect(verifyRequest({ ...customSigned(['@method', '@target-uri', 'content-digest'], all), ...opts() })).toMatchObject({ ok: true });
    expect(verifyRequest({ ...customSigned(['@method', '@target-uri'], all), ...opts() })).toMatchObject({
      ok: false,
      reason: 'missing_components',
    });
    expect(verifyRequest({ ...customSigned(['@method', 'content-digest'], all), ...opts() })).toMatchObject({
      ok: false,
      reason: 'missing_components',
    });
    expect(verifyRequest({ ...customSigned(['@target-uri', 'content-digest'], all), ...opts() })).toMatchObject({
      ok: false,
      reason: 'missing_components',
    });
    for (const drop of ['created', 'keyid', 'nonce']) {
      const r = customSigned(
        ['@method', '@target-uri', 'content-digest'],
        all.filter(([k]) => k !== drop),
      );
      expect(verifyRequest({ ...r, ...opts() })).toMatchObject({ ok: false, reason: 'missing_components' });
    }
  });

  it('ignores an Audit-Head header that the signature does not cover', () => {
    const r = signed({ auditHead: undefined });
    const result = verifyRequest({ ...r, headers: { ...r.headers, 'Audit-Head': `seq=1, hash="${'cd'.repeat(32)}"` }, ...opts() });
    expect(result).toMatchObject({ ok: true });
    expect(result).not.toHaveProperty('auditHead');
  });

  it('finds its member among other signatures and reads headers case-insensitively', () => {
    const r = signed();
    const lower = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
    lower['signature-input'] = `proxy=("@method");created=1;keyid="proxy-key", ${lower['signature-input']}`;
    lower['signature'] = `${lower['signature']}, proxy=:AAAA:`;
    expect(verifyRequest({ ...r, headers: lower, ...opts() })).toMatchObject({ ok: true, label: 'sig1' });
    expect(verifyRequest({ ...r, headers: lower, ...opts({ label: 'proxy' }) })).toMatchObject({ ok: false, reason: 'missing_components' });
  });
});
