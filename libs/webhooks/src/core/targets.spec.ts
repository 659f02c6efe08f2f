import { checkTargetUrl, isPublicAddress, literalAddress, pickAddress } from './targets';

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.0.0.8', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['64:ff9b::a00:1', false],
    ['2002:7f00:1::1', false],
    ['8.8.8.8', true],
    ['203.0.114.1', true],
    ['2001:4860:4860::8888', true],
    ['not an ip', false],
  ])('%s public: %s', (address, expected) => expect(isPublicAddress(address)).toBe(expected));

  it('only http(s) URLs without credentials', () => {
    expect(checkTargetUrl('https://hooks.bank.example/scam')).toHaveProperty('url');
    for (const bad of ['ftp://x.example/', 'file:///etc/passwd', 'gopher://x', 'javascript:alert(1)', 'http://u:p@x.example/', 'not a url'])
      expect(checkTargetUrl(bad)).toMatchObject({ code: 'invalid_target' });
  });

  it('reads IP literals, bracketed IPv6 included', () => {
    expect(literalAddress(new URL('http://127.0.0.1:8080/x'))).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://[::1]:8080/x'))).toBe('::1');
    expect(literalAddress(new URL('http://2130706433/'))).toBe('127.0.0.1'); // the URL parser normalises decimal IPv4
    expect(literalAddress(new URL('http://hooks.example/'))).toBeUndefined();
  });

  it('resolves once and pins what it checked: a name that later rebinds still connects to the checked address', async () => {
    const answers = [[{ address: '93.184.216.34', family: 4 }], [{ address: '127.0.0.1', family: 4 }]];
    let calls = 0;
    const resolver = async () => answers[Math.min(calls++, 1)];
    expect(await pickAddress('rebind.example', resolver, false)).toEqual({ address: '93.184.216.34', family: 4 });
    expect(calls).toBe(1);
    expect(await pickAddress('rebind.example', resolver, false)).toMatchObject({ code: 'invalid_target' });
  });

  it('refuses a name with any private address, unless private targets are allowed', async () => {
    const mixed = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    expect(await pickAddress('split.example', mixed, false)).toMatchObject({
      code: 'invalid_target',
      message: expect.stringContaining('10.0.0.5'),
    });
    expect(await pickAddress('split.example', mixed, true)).toEqual({ address: '93.184.216.34', family: 4 });
    const fail = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    expect(await pickAddress('nx.example', fail, true)).toEqual({
      code: 'invalid_target',
      message: 'nx.example does not resolve (ENOTFOUND)',
    });
  });
});
