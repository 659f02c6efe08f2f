/** Extracts the API key from `Bearer <key>` or, for TAXII clients, `Basic base64(<anything>:<key>)`. */
export function presentedKey(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length === 0) return undefined;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (/^bearer$/i.test(scheme)) return credential || '';
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : decoded;
  }
  return '';
}
