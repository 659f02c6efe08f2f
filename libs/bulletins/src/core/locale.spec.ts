import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFigures, DEFAULT_CONFIG } from './figures';
import { knownInput } from './__fixtures__/input';
import { availableLanguages, defaultLocalesDir, flatten, loadLocale } from './locale';
import { render } from './render';
import { CHANNELS, INDICATOR_TYPES, SCAM_TYPES } from '@scamintel/vocabulary';

const read = (dir: string, lang: string) => flatten(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const en = read(defaultLocalesDir(), 'en');

describe('shipped locales', () => {
  it('ships English and Korean', () => {
    expect(availableLanguages()).toEqual(expect.arrayContaining(['en', 'ko']));
  });

  it('names every category and has advice for every scam type in English', () => {
    const needed = [
      ...SCAM_TYPES.flatMap((t) => [`scamType.${t}`, `advice.${t}`]),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...INDICATOR_TYPES.map((t) => `indicatorType.${t}`),
    ];
    expect(needed.filter((k) => !(k in en))).toEqual([]);
  });

  it.each(availableLanguages().filter((l) => l !== 'en'))('%s has every English key, no stray keys, the same placeholders', (lang) => {
    const other = read(defaultLocalesDir(), lang);
    expect(Object.keys(en).filter((k) => !(k in other) && !/^(currency|format)\./.test(k))).toEqual([]);
    expect(Object.keys(other).filter((k) => !(k in en) && !/^(currency|format)\./.test(k))).toEqual([]);
    for (const key of Object.keys(en).filter((k) => k in other))
      expect([key, placeholders(other[key])]).toEqual([key, placeholders(en[key])]);
  });

  it('refuses language names that are not plain tags', () => {
    expect(() => loadLocale('../../../etc/passwd')).toThrow(RangeError);
    expect(() => loadLocale('fr')).toThrow(RangeError);
  });
});

describe('native conventions', () => {
  it('writes dates and money the way each reader expects', () => {
    const ko = loadLocale('ko');
    const enL = loadLocale('en');
    expect(ko.date('2026-11-23')).toBe('2026년 11월 23일');
    expect(enL.date('2026-11-23')).toBe('23 November 2026');
    expect(ko.money('1500000', 'KRW')).toBe('1,500,000원');
    expect(enL.money('2300', 'SGD')).toBe('S$2,300.00');
    expect(enL.money('1500000', 'KRW')).toBe('₩1,500,000');
    expect(enL.money('-200.5', 'SGD', true)).toBe('−S$200.50');
    expect(ko.period('2026-11-16', '2026-11-23')).toBe('2026년 11월 16일~22일');
    expect(enL.period('2026-11-16', '2026-11-23')).toBe('16–22 November 2026');
    expect(ko.fewerThan({ suppressed: true, below: 3 })).toBe('3건 미만');
    expect(enL.fewerThan({ suppressed: true, below: 3 })).toBe('fewer than 3');
  });
});

describe('adding a language is adding a file', () => {
  // Mirrors locales/ plus one new file, the way a translator would add Chinese.
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-locales-'));
  for (const lang of availableLanguages()) copyFileSync(join(defaultLocalesDir(), `${lang}.json`), join(dir, `${lang}.json`));
  copyFileSync(join(__dirname, '__fixtures__/locales/zh.json'), join(dir, 'zh.json'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const figures = buildFigures(knownInput(), DEFAULT_CONFIG);

  it('finds the new language and has all its keys', () => {
    expect(availableLanguages(dir)).toContain('zh');
    expect(Object.keys(en).filter((k) => !(k in read(dir, 'zh')))).toEqual([]);
  });

  it('renders it in every format with its own words and Intl conventions', () => {
    const html = render(figures, 'zh', 'html', { localesDir: dir });
    expect(html).toContain('<html lang="zh">');
    expect(html).toContain('新加坡诈骗通报');
    expect(html).toContain('2026年11月16日至2026年11月22日');
    expect(html).toContain('少于 3 宗');
    const md = render(figures, 'zh', 'md', { localesDir: dir });
    expect(md).toContain('冒充银行');
    expect(JSON.parse(render(figures, 'zh', 'json', { localesDir: dir }))).toEqual(figures);
  });
});
