import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaticAssets } from './static-assets';

describe('static assets under content-hashed names', () => {
  it('names each file by its content; another content is another URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assets-'));
    writeFileSync(join(dir, 'site.css'), 'body{color:red}');
    writeFileSync(join(dir, 'notes.txt'), 'not served');
    const a = new StaticAssets(dir);
    expect(a.url('site.css')).toMatch(/^\/static\/site\.[0-9a-f]{16}\.css$/);
    const file = a.url('site.css').slice('/static/'.length);
    expect(a.file(file)).toMatchObject({ type: 'text/css; charset=utf-8' });
    expect(a.file(file)!.body.toString()).toBe('body{color:red}');
    expect(() => a.url('notes.txt')).toThrow('no static asset');
    expect(a.file('site.css')).toBeUndefined();
    writeFileSync(join(dir, 'site.css'), 'body{color:blue}');
    expect(new StaticAssets(dir).url('site.css')).not.toBe(a.url('site.css'));
  });
});
