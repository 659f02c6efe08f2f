import bs58 from 'bs58';
import bs58check from 'bs58check';
import fc from 'fast-check';
import { normalize, tryNormalize } from '../index';
import { decodeBase58 } from './crypto-wallet';

const wallet = (raw: string) => normalize(raw, { type: 'crypto_wallet' });
const rejected = (raw: string) => tryNormalize(raw, { type: 'crypto_wallet' });

describe('crypto_wallet: segwit (BIP-173 / BIP-350 test vectors)', () => {
  // BIP-350 "Test vectors for v0-v16 native segregated witness addresses" (valid).
  it.each([
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bitcoin', 0],
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'bitcoin-testnet', 0],
    ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'bitcoin', 1],
    ['BC1SW50QGDZ25J', 'bitcoin', 16],
    ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'bitcoin', 2],
    ['tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', 'bitcoin-testnet', 0],
    ['tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', 'bitcoin-testnet', 1],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bitcoin', 1],
  ])('%s is valid (%s, witness v%d), stored lower-case', (addr, network, version) => {
    const r = wallet(addr);
    expect(r.value).toBe(addr.toLowerCase());
    expect(r.attributes).toEqual({ network, encoding: version === 0 ? 'bech32' : 'bech32m', witnessVersion: version });
  });

  // BIP-350 invalid addresses, then BIP-173's (those still invalid under BIP-350).
  it.each([
    'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', // invalid human-readable part
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', // v1 with bech32 checksum
    'tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', // v2 with bech32 checksum
    'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', // v16 with bech32 checksum
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', // v0 with bech32m checksum
    'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', // v0 with bech32m checksum
    'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', // invalid character in checksum
    'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', // witness version 17
    'bc1pw5dgrnzv', // program length 1
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', // program length 41
    'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', // v0 program length 16
    'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', // mixed case
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', // zero padding of more than 4 bits
    'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', // non-zero padding
    'bc1gmk9yu', // empty data section
    'tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty', // BIP-173: invalid hrp
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // BIP-173: invalid checksum
    'BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2', // BIP-173: invalid witness version
    'bc1rw5uspcuh', // BIP-173: invalid program length
    'bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90', // BIP-173: invalid program length
    'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7', // BIP-173: mixed case
    'bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du', // BIP-173: zero padding of more than 4 bits
    'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv', // BIP-173: non-zero padding
  ])('%s is refused', (addr) => {
    const r = rejected(addr);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['bad_checksum', 'invalid_wallet']).toContain(r.code);
  });

  it('a checksum failure is reported as bad_checksum', () => {
    expect(rejected('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toMatchObject({ ok: false, code: 'bad_checksum' });
  });
});

describe('crypto_wallet: Ethereum (EIP-55 test vectors)', () => {
  it.each([
    // all caps / all lower: no checksum to verify
    '0x52908400098527886E0F7030069857D2E4169EE7',
    '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
    '0xde709f2102306220921060314715629080e2fb77',
    '0x27b1fdb04752bbc536007a920d24acb045561c26',
    // mixed case: checksummed
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ])('%s is accepted and stored lower-case', (addr) => {
    const r = wallet(addr);
    expect(r.value).toBe('0x' + addr.slice(2).toLowerCase());
    expect(r.attributes.network).toBe('ethereum');
  });

  it.each([
    '0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // first letter's case flipped
    '0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359', // 'B' lower-cased
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9adb',
  ])('%s fails EIP-55', (addr) => {
    expect(rejected(addr)).toMatchObject({ ok: false, code: 'bad_checksum' });
  });

  it('rejects wrong lengths', () => {
    expect(rejected('0x52908400098527886E0F7030069857D2E4169EE')).toMatchObject({ ok: false, code: 'invalid_wallet' });
  });
});

describe('crypto_wallet: base58check (Bitcoin legacy, TRON)', () => {
  it.each([
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'bitcoin', 'p2pkh'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin', 'p2pkh'], // genesis block coinbase
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'bitcoin', 'p2sh'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron', 'account'], // USDT-TRC20 contract
  ])('%s -> %s %s, kept as written', (addr, network, addressType) => {
    const r = wallet(addr);
    expect(r.value).toBe(addr);
    expect(r.attributes).toMatchObject({ network, addressType, encoding: 'base58check' });
  });

  it('accepts an address built from a payload with our own checksum', () => {
    const payload = new Uint8Array(21);
    payload[0] = 0x41;
    payload.fill(7, 1);
    const addr = bs58check.encode(payload);
    expect(addr.startsWith('T')).toBe(true);
    expect(wallet(addr).attributes.network).toBe('tron');
  });

  it.each(['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u'])(
    '%s fails the checksum',
    (addr) => {
      expect(rejected(addr)).toMatchObject({ ok: false, code: 'bad_checksum' });
    },
  );

  it('refuses base58check payloads of unknown versions', () => {
    const payload = new Uint8Array(21);
    payload[0] = 0x30; // Litecoin P2PKH: not a network we claim
    expect(rejected(bs58check.encode(payload))).toMatchObject({ ok: false, code: 'invalid_wallet' });
  });
});

describe('decodeBase58 gives bs58.decodeUnsafe’s bytes', () => {
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const same = (s: string) => Buffer.from(decodeBase58(s)).equals(Buffer.from(bs58.decodeUnsafe(s)!));

  it('on edge cases: leading "1"s, all "1"s, one digit, "z" runs', () => {
    for (const s of [
      '1',
      '11',
      '111z',
      '2',
      'z',
      'zzzz',
      'zzzzz',
      '1111111111',
      '1z1z',
      '21',
      ALPHABET,
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    ])
      expect([s, same(s)]).toEqual([s, true]);
  });

  it('on any string of base58 digits', () => {
    const digits = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.nat(4), digits, (ones, s) => same('1'.repeat(ones) + s)),
      { numRuns: 20000, seed: 58 },
    );
  });
});
