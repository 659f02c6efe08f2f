import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Resolver, TargetProblem, checkTargetUrl, isPublicAddress, literalAddress, pickAddress } from '@scamintel/webhooks-core';

export const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Checks a target at subscription time: its URL, then every address its name resolves to now. */
export async function checkTarget(
  raw: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<TargetProblem | { url: URL }> {
  const checked = checkTargetUrl(raw);
  if ('code' in checked) return checked;
  const literal = literalAddress(checked.url);
  if (literal !== undefined) {
    if (!allowPrivate && !isPublicAddress(literal))
      return { code: 'invalid_target', message: `${literal} is a private, loopback or link-local address` };
    return checked;
  }
  const picked = await pickAddress(checked.url.hostname, resolve, allowPrivate);
  return 'code' in picked ? picked : checked;
}

export class TargetRefused extends Error {}

/**
 * One POST to a webhook target with the SSRF check at delivery time: the name is resolved once by our lookup, every
 * address checked, and the socket connects to the address that passed (the `lookup` hook is what net.connect uses), so
 * a name that rebinds to a private address after the check is never followed. No redirects are followed.
 */
export function postWebhook(
  raw: string,
  headers: Record<string, string>,
  body: string,
  opts: { allowPrivate: boolean; timeoutMs: number; resolve?: Resolver },
): Promise<{ status: number }> {
  const checked = checkTargetUrl(raw);
  if ('code' in checked) return Promise.reject(new TargetRefused(checked.message));
  const url = checked.url;
  const literal = literalAddress(url);
  if (literal !== undefined && !opts.allowPrivate && !isPublicAddress(literal))
    return Promise.reject(new TargetRefused(`${literal} is a private, loopback or link-local address`));
  const resolve = opts.resolve ?? systemResolver;
  const lookup: LookupFunction = (hostname, options, callback) => {
    pickAddress(hostname, resolve, opts.allowPrivate).then(
      (picked) => {
        if ('code' in picked) return callback(new TargetRefused(picked.message) as NodeJS.ErrnoException, '', 0);
        if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [picked]);
        callback(null, picked.address, picked.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
        lookup,
        timeout: opts.timeoutMs,
        agent: false,
      },
      (res) => {
        res.resume(); // the answer's body is not needed; reading it frees the socket
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
