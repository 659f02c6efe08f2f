import ipaddr from 'ipaddr.js';

/**
 * SSRF guard for webhook targets (CONTRACT §12): only http(s), no credentials in the URL, and only public unicast
 * addresses — loopback, private, link-local, unique-local, CGNAT, reserved, multicast, unspecified and the IPv6
 * forms that embed an IPv4 address (mapped, 6to4, NAT64, Teredo) are refused unless private targets are allowed.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export type TargetProblem = { code: 'invalid_target'; message: string };

/** The URL's own problems, before any name resolution. */
export function checkTargetUrl(raw: string): { url: URL } | TargetProblem {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'invalid_target', message: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { code: 'invalid_target', message: `only http and https targets are allowed (got ${url.protocol.replace(/:$/, '')})` };
  if (url.username || url.password) return { code: 'invalid_target', message: 'credentials in the URL are not allowed' };
  if (!url.hostname) return { code: 'invalid_target', message: 'the URL has no host' };
  return { url };
}

/** The host of a URL as an IP literal, when it is one (brackets of IPv6 removed). */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) ? host : undefined;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

/**
 * The address to connect to: resolved once, every address checked, and the first acceptable one returned so the
 * connection goes exactly there (DNS rebinding between a check and a second resolution cannot happen). A name with
 * any non-public address is refused outright: a split answer is how rebinding attacks hedge.
 */
export async function pickAddress(
  host: string,
  resolve: Resolver,
  allowPrivate: boolean,
): Promise<{ address: string; family: number } | TargetProblem> {
  let found: { address: string; family: number }[];
  try {
    found = await resolve(host);
  } catch (e) {
    return { code: 'invalid_target', message: `${host} does not resolve (${(e as { code?: string }).code ?? 'error'})` };
  }
  if (!found.length) return { code: 'invalid_target', message: `${host} does not resolve` };
  if (!allowPrivate) {
    const bad = found.find((a) => !isPublicAddress(a.address));
    if (bad) return { code: 'invalid_target', message: `${host} resolves to ${bad.address}, a private, loopback or link-local address` };
  }
  return found[0];
}
