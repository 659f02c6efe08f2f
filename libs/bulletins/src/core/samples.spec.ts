import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFigures, DEFAULT_CONFIG } from './figures';
import { render } from './render';
import { sampleInput } from './samples';

// docs/samples is generated from sampleInput(); run with UPDATE_SAMPLES=1 to rewrite it after a template change.
const DIR = join(__dirname, '../../../../docs/samples');
const files = ['en', 'ko'].flatMap((lang) =>
  (['md', 'html'] as const).map((format) => [`bulletin-${lang}.${format}`, lang, format] as const),
);

describe('docs/samples', () => {
  const figures = buildFigures(sampleInput(), DEFAULT_CONFIG);

  it('uses a data set whose watch list shows each kind of indicator and drops the ineligible ones', () => {
    expect(new Set(figures.watch.map((w) => w.type)).size).toBeGreaterThanOrEqual(7);
    expect(figures.watch.map((w) => w.display).join(' ')).not.toMatch(/insider-tips|gov\[\.\]example|8000 ••01/);
  });

  it.each(files)('%s is current', (name, lang, format) => {
    const out = render(figures, lang, format);
    if (process.env.UPDATE_SAMPLES === '1') writeFileSync(join(DIR, name), out);
    expect(existsSync(join(DIR, name))).toBe(true);
    expect(readFileSync(join(DIR, name), 'utf8')).toBe(out);
  });
});
