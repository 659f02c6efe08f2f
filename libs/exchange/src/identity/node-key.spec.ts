import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportPrivateKeyPem, generateKeyPair, jwkThumbprint } from '../core';
import { GENERATED_KEY_FILE, NodeKeyError, loadOrCreateNodeKey } from './node-key';

describe('loadOrCreateNodeKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamintel-key-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates a key at first start, private to the owner, and reads the same one afterwards', () => {
    const first = loadOrCreateNodeKey({ dataDir: path.join(dir, 'data') });
    expect(first.source).toBe('generated');
    const file = path.join(dir, 'data', GENERATED_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, 'data'))).toEqual([GENERATED_KEY_FILE]);
    const again = loadOrCreateNodeKey({ dataDir: path.join(dir, 'data') });
    expect(again).toMatchObject({ source: 'stored', keyId: first.keyId, publicKeyPem: first.publicKeyPem });
    expect(first.keyId).toBe(jwkThumbprint(first.publicKeyPem));
  });

  it('loses a creation race gracefully: the key the other process linked first is the one both use', () => {
    const winner = exportPrivateKeyPem(generateKeyPair().privateKey);
    const file = path.join(dir, GENERATED_KEY_FILE);
    const link = fs.linkSync;
    // The other process completes its link between our read (nothing there yet) and our link.
    jest.spyOn(fs, 'linkSync').mockImplementation((existing, target) => {
      fs.writeFileSync(file, winner, { mode: 0o600 });
      return link(existing, target);
    });
    const ours = loadOrCreateNodeKey({ dataDir: dir });
    expect(ours.source).toBe('stored');
    expect(ours.keyId).toBe(jwkThumbprint(winner));
    expect(fs.readFileSync(file, 'utf8')).toBe(winner);
    expect(fs.readdirSync(dir)).toEqual([GENERATED_KEY_FILE]); // our temporary file is gone
  });

  it('never exposes a half-written key: the name appears only once the file is complete', () => {
    const seen: string[] = [];
    const link = fs.linkSync;
    jest.spyOn(fs, 'linkSync').mockImplementation((existing, target) => {
      seen.push(fs.readFileSync(existing, 'utf8'));
      expect(fs.existsSync(target)).toBe(false);
      return link(existing, target);
    });
    const key = loadOrCreateNodeKey({ dataDir: dir });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----\n$/);
    expect(key.source).toBe('generated');
  });

  it('uses NODE_SIGNING_KEY_FILE when set, and fails clearly when it is missing or not Ed25519', () => {
    const file = path.join(dir, 'key.pem');
    fs.writeFileSync(file, exportPrivateKeyPem(generateKeyPair().privateKey));
    expect(loadOrCreateNodeKey({ signingKeyFile: file, dataDir: dir })).toMatchObject({ source: 'configured', file });
    expect(fs.existsSync(path.join(dir, GENERATED_KEY_FILE))).toBe(false);
    expect(() => loadOrCreateNodeKey({ signingKeyFile: path.join(dir, 'missing.pem'), dataDir: dir })).toThrow(NodeKeyError);
    fs.writeFileSync(file, 'not a key');
    expect(() => loadOrCreateNodeKey({ signingKeyFile: file, dataDir: dir })).toThrow(/Ed25519/);
  });
});
