import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface Asset {
  /** `/static/<stem>.<hash><ext>`: a new file content is a new URL, so the old one may be cached forever. */
  url: string;
  body: Buffer;
  type: string;
}

/**
 * The static files of the pages, read once at start and served from memory under content-hashed names.
 * Extra entries (CSS other libs generate, such as the bulletins' stylesheet) are hashed the same way.
 */
export class StaticAssets {
  private readonly byName = new Map<string, Asset>();
  private readonly byFile = new Map<string, Asset>();

  constructor(dir: string, extra: Record<string, string> = {}) {
    for (const name of readdirSync(dir).sort()) {
      if (!TYPES[extname(name)]) continue;
      this.add(name, readFileSync(join(dir, name)));
    }
    for (const [name, text] of Object.entries(extra)) this.add(name, Buffer.from(text, 'utf8'));
  }

  private add(name: string, body: Buffer): void {
    const ext = extname(name);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const file = `${name.slice(0, -ext.length)}.${hash}${ext}`;
    const asset = { url: `/static/${file}`, body, type: TYPES[ext] };
    this.byName.set(name, asset);
    this.byFile.set(file, asset);
  }

  /** The hashed URL of a named asset; an unknown name is a programming error, caught by the page tests. */
  url(name: string): string {
    const a = this.byName.get(name);
    if (!a) throw new Error(`no static asset ${name}`);
    return a.url;
  }

  file(hashedName: string): Asset | undefined {
    return this.byFile.get(hashedName);
  }
}
