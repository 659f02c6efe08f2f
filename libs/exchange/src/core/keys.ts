import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'crypto';

export interface Ed25519KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateKeyPair(): Ed25519KeyPair {
  return generateKeyPairSync('ed25519');
}

function assertEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  return key;
}

/** PKCS#8 PEM, the format of NODE_SIGNING_KEY_FILE. */
export function loadPrivateKeyPem(pem: string | Buffer): KeyObject {
  return assertEd25519(createPrivateKey({ key: pem, format: 'pem' }));
}

export function exportPrivateKeyPem(privateKey: KeyObject): string {
  return assertEd25519(privateKey).export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** SPKI PEM (a PKCS#8 private key is accepted too and yields its public half). */
export function loadPublicKeyPem(pem: string | Buffer): KeyObject {
  return assertEd25519(createPublicKey({ key: pem, format: 'pem' }));
}

/** SPKI PEM of the public key; given a private key, of its public half. */
export function exportPublicKeyPem(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return assertEd25519(pub).export({ format: 'pem', type: 'spki' }).toString();
}

function toPublicKey(key: KeyObject | string): KeyObject {
  if (typeof key === 'string') return loadPublicKeyPem(key);
  return assertEd25519(key.type === 'private' ? createPublicKey(key) : key);
}

/**
 * RFC 7638 thumbprint: SHA-256 over the required OKP members in lexicographic order without whitespace
 * (RFC 8037 §2), base64url without padding. This is the node's keyId.
 */
export function jwkThumbprint(publicKey: KeyObject | string): string {
  const { x } = toPublicKey(publicKey).export({ format: 'jwk' });
  const json = `{"crv":"Ed25519","kty":"OKP","x":"${x}"}`;
  return createHash('sha256').update(json, 'utf8').digest('base64url');
}
