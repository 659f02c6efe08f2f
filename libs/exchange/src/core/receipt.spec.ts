import { createHash, verify } from 'crypto';
import { canonicalJson } from '@scamintel/audit-core';
import { generateKeyPair, jwkThumbprint } from './keys';
import { buildReceipt, checkReceipt, signReceipt, UnsignedReceipt, verifyReceipt } from './receipt';

const receiver = generateKeyPair();
const h = (s: string) => createHash('sha256').update(s).digest('hex');
const fields: UnsignedReceipt = {
  batchId: 'bundle--7c5e9a3e-55f4-5c3a-9d3e-2b4f1e0a9c11',
  objects: 12,
  digest: 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
  receivedAt: '2026-03-01T10:00:00.000Z',
  auditHead: { seq: 90, hash: h('kr') },
  keyId: jwkThumbprint(receiver.publicKey),
  witness: { seq: 41, hash: h('sg') },
};

describe('receipts', () => {
  it('signs the JCS text of the receipt without its signature, base64url', () => {
    const sig = signReceipt(fields, receiver.privateKey);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const jcs = canonicalJson(fields);
    expect(jcs.startsWith('{"auditHead":{"hash":')).toBe(true);
    expect(verify(null, Buffer.from(jcs), receiver.publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
  });

  it('verifies what it built, whatever the member order on the wire', () => {
    const receipt = buildReceipt(fields, receiver.privateKey);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(receipt).reverse())));
    expect(verifyReceipt(receipt, receiver.publicKey)).toBe(true);
    expect(verifyReceipt(reordered, receiver.publicKey)).toBe(true);
  });

  it.each([
    ['objects', { objects: 13 }],
    ['digest', { digest: 'sha-256=:AAAA:' }],
    ['receiver head', { auditHead: { seq: 91, hash: h('kr') } }],
    ['witness', { witness: { seq: 41, hash: h('other') } }],
    ['receivedAt', { receivedAt: '2026-03-01T10:00:01.000Z' }],
  ])('fails when %s changes after signing', (_n, change) => {
    expect(verifyReceipt({ ...buildReceipt(fields, receiver.privateKey), ...change }, receiver.publicKey)).toBe(false);
  });

  it('fails when the witness is dropped, a member is added, or the key is another', () => {
    const { witness: _w, ...withoutWitness } = buildReceipt(fields, receiver.privateKey);
    expect(verifyReceipt(withoutWitness, receiver.publicKey)).toBe(false);
    expect(verifyReceipt({ ...buildReceipt(fields, receiver.privateKey), extra: 1 }, receiver.publicKey)).toBe(false);
    const other = generateKeyPair();
    expect(verifyReceipt(buildReceipt(fields, other.privateKey), receiver.publicKey)).toBe(false);
    // Signed by the right key but naming another keyId.
    expect(verifyReceipt(buildReceipt({ ...fields, keyId: jwkThumbprint(other.publicKey) }, receiver.privateKey), receiver.publicKey)).toBe(
      false,
    );
  });

  it('rejects junk without throwing', () => {
    for (const junk of [null, 'x', {}, { ...fields, signature: 'not-base64!' }, { ...fields, signature: '' }]) {
      expect(verifyReceipt(junk, receiver.publicKey)).toBe(false);
    }
  });

  it('lets the sender check the receipt is about its push and echoes its signed head', () => {
    const receipt = buildReceipt(fields, receiver.privateKey);
    const expected = { publicKey: receiver.publicKey, digest: fields.digest, sentHead: fields.witness };
    expect(checkReceipt(receipt, expected)).toEqual({ ok: true, receiverHead: fields.auditHead, witnessed: fields.witness });
    expect(checkReceipt(receipt, { ...expected, digest: 'sha-256=:BBBB:' })).toEqual({ ok: false, reason: 'digest_mismatch' });
    expect(checkReceipt(receipt, { ...expected, sentHead: { seq: 42, hash: h('sg') } })).toEqual({ ok: false, reason: 'witness_mismatch' });
    const { witness: _w, ...noWitness } = fields;
    // CONTRACT §7: a receipt without witness is valid; the batch counts as delivered, the head stays unwitnessed.
    const unwitnessed = buildReceipt(noWitness, receiver.privateKey);
    expect(checkReceipt(unwitnessed, expected)).toEqual({ ok: true, receiverHead: fields.auditHead });
    expect(checkReceipt({ ...unwitnessed, digest: 'sha-256=:BBBB:' }, expected)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkReceipt(unwitnessed, { ...expected, digest: 'sha-256=:BBBB:' })).toEqual({ ok: false, reason: 'digest_mismatch' });
    // Adding a witness the receiver did not sign breaks its signature; signing a wrong one is a mismatch.
    expect(checkReceipt({ ...unwitnessed, witness: fields.witness }, expected)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkReceipt({ ...receipt, objects: 1 }, expected)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
