import { KeyObject, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import * as path from 'node:path';
import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, jwkThumbprint, loadPrivateKeyPem } from '../core';

export const GENERATED_KEY_FILE = 'node-signing-key.pem';

export interface NodeKey {
  privateKey: KeyObject;
  /** SPKI PEM. */
  publicKeyPem: string;
  /** RFC 7638 thumbprint of the public key. */
  keyId: string;
  file: string;
  source: 'configured' | 'stored' | 'generated';
}

export class NodeKeyError extends Error {}

function fromPem(pem: Buffer, file: string, source: NodeKey['source']): NodeKey {
  let privateKey: KeyObject;
  try {
    privateKey = loadPrivateKeyPem(pem);
  } catch (e) {
    throw new NodeKeyError(`${file}: not an Ed25519 private key in PKCS#8 PEM (${(e as Error).message})`);
  }
  return { privateKey, publicKeyPem: exportPublicKeyPem(privateKey), keyId: jwkThumbprint(privateKey), file, source };
}

/**
 * The node's Ed25519 signing key. With NODE_SIGNING_KEY_FILE it is read from there (and must exist). Without it,
 * `<dataDir>/node-signing-key.pem` is read, or generated on first start: written in full to a private temporary
 * file (mode 0600) and then hard-linked into place. link(2) fails when the name exists, so of two processes of
 * one node starting together exactly one key wins, and both read that one — never a half-written file.
 */
export function loadOrCreateNodeKey(opts: { signingKeyFile?: string; dataDir: string }): NodeKey {
  if (opts.signingKeyFile) {
    let pem: Buffer;
    try {
      pem = fs.readFileSync(opts.signingKeyFile);
    } catch (e) {
      throw new NodeKeyError(`NODE_SIGNING_KEY_FILE ${opts.signingKeyFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return fromPem(pem, opts.signingKeyFile, 'configured');
  }
  const file = path.join(opts.dataDir, GENERATED_KEY_FILE);
  const existing = readIfExists(file);
  if (existing) return fromPem(existing, file, 'stored');

  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const tmp = path.join(opts.dataDir, `.${GENERATED_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, exportPrivateKeyPem(generateKeyPair().privateKey));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  let won = false;
  try {
    fs.linkSync(tmp, file);
    won = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const pem = readIfExists(file);
  if (!pem) throw new NodeKeyError(`${file} vanished while it was being created`);
  return fromPem(pem, file, won ? 'generated' : 'stored');
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
