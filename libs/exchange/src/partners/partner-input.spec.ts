import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, jwkThumbprint } from '../core';
import { parsePartnerInput } from './partner-input';

const keys = generateKeyPair();
const valid = () => ({
  nodeId: 'kr-knpa',
  jurisdiction: 'KR',
  baseUrl: 'https://kr.example.org/scamintel/',
  publicKey: exportPublicKeyPem(keys.publicKey),
  policy: { maxTlp: 'amber', types: ['phone', 'bank_account'], minConfidence: 40, pseudonymise: ['bank_account'], shareNarrative: false },
  pseudonymKey: 'a-bilateral-key-of-enough-length',
});
const paths = (body: unknown) =>
  parsePartnerInput(body, 'sg-spf')
    .problems.map((p) => p.path)
    .sort();

describe('parsePartnerInput', () => {
  it('accepts the contract document and normalises it', () => {
    const { value, problems } = parsePartnerInput(valid(), 'sg-spf');
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ nodeId: 'kr-knpa', baseUrl: 'https://kr.example.org/scamintel', keyId: jwkThumbprint(keys.publicKey) });
  });
  it('takes the exchange mode, push by default (CONTRACT §7)', () => {
    expect(parsePartnerInput(valid(), 'sg-spf').value?.mode).toBe('push');
    for (const mode of ['push', 'pull', 'both']) expect(parsePartnerInput({ ...valid(), mode }, 'sg-spf').value?.mode).toBe(mode);
    for (const mode of ['PULL', 'poll', '', 1, null]) expect(paths({ ...valid(), mode })).toEqual(['mode']);
  });
  it('reports every problem with its path, unknown fields included', () => {
    expect(
      paths({
        ...valid(),
        nodeId: 'KR!',
        jurisdiction: 'kr',
        baseUrl: 'https://x/?q=1',
        extra: true,
        policy: { ...valid().policy, maxTlp: 'red', types: ['phone', 'fax'], minConfidence: 101, shareNarrative: 'no', colour: 1 },
      }),
    ).toEqual([
      'baseUrl',
      'extra',
      'jurisdiction',
      'nodeId',
      'policy.colour',
      'policy.maxTlp',
      'policy.minConfidence',
      'policy.shareNarrative',
      'policy.types[1]',
    ]);
    expect(paths({})).toEqual(['baseUrl', 'jurisdiction', 'nodeId', 'policy', 'publicKey']);
    expect(paths([])).toEqual(['']);
  });
  it('never lets red or amber+strict be configured as shareable', () => {
    for (const maxTlp of ['red', 'amber+strict'])
      expect(paths({ ...valid(), policy: { ...valid().policy, maxTlp } })).toEqual(['policy.maxTlp']);
  });
  it('needs a pseudonym key of at least 16 bytes when anything is pseudonymised', () => {
    const { pseudonymKey: _k, ...noKey } = valid();
    expect(paths(noKey)).toEqual(['pseudonymKey']);
    expect(paths({ ...valid(), pseudonymKey: 'short' })).toEqual(['pseudonymKey']);
    expect(paths({ ...noKey, policy: { ...valid().policy, pseudonymise: [] } })).toEqual([]);
  });
  it('refuses a private key, a non-Ed25519 key and this node itself', () => {
    expect(paths({ ...valid(), publicKey: exportPrivateKeyPem(keys.privateKey) })).toEqual(['publicKey']);
    expect(paths({ ...valid(), publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' })).toEqual(['publicKey']);
    expect(paths({ ...valid(), nodeId: 'sg-spf' })).toEqual(['nodeId']);
  });
});
