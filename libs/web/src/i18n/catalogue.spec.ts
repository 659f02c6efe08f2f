import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNELS, INDICATOR_TYPES, SCAM_TYPES } from '@scamintel/vocabulary';
import { webAssetsDir } from '../paths';
import { flattenMessages, loadCatalogues } from './catalogue';
import { nodeLanguage } from './negotiate';

const dir = join(webAssetsDir(), 'locales');
/** Parameters the pages pass to every message of a group, which a language may use or not. */
const OPTIONAL_PARAMS: Record<string, string[]> = { verdict: ['noun'] };
const catalogues = loadCatalogues(dir);
const en = catalogues.get('en')!;

/** Every `it.t('literal…')` in the templates; a literal ending in "." is a prefix completed at run time. */
function templateKeys(): { exact: string[]; prefixes: string[] } {
  const views = join(webAssetsDir(), 'views');
  const files = readdirSync(views, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eta'));
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const f of files)
    for (const m of readFileSync(join(views, f), 'utf8').matchAll(/\bt\('([^']+)'/g)) (m[1].endsWith('.') ? prefixes : exact).add(m[1]);
  return { exact: [...exact], prefixes: [...prefixes] };
}

describe('message catalogues', () => {
  it('every language has exactly the keys of English, with the same placeholders', () => {
    const keys = en.keys().sort();
    for (const [lang, c] of catalogues) {
      if (lang === 'en') continue;
      expect({ lang, keys: c.keys().sort() }).toEqual({ lang, keys });
      for (const k of keys) {
        const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        // Plural messages may drop {n} in a form that spells the number ("one"), so compare the "other" forms.
        const raw = (lang: string) => {
          const { _meta, ...messages } = JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
          const tree = flattenMessages(messages);
          const m = tree.get(k)!;
          return typeof m === 'string' ? m : m.other!;
        };
        // A language may need a word English does without (Korean names the thing: "사기 신고된 {noun}입니다").
        const allowed = [...placeholders(raw('en')), ...(OPTIONAL_PARAMS[k.split('.')[0]] ?? [])];
        expect({ k, extra: placeholders(raw(lang)).filter((p) => !allowed.includes(p)) }).toEqual({ k, extra: [] });
      }
    }
  });

  it('every key a template names exists, and so does every key built from a closed vocabulary', () => {
    const { exact, prefixes } = templateKeys();
    expect(exact.filter((k) => !en.has(k))).toEqual([]);
    expect(prefixes.filter((p) => !en.keys().some((k) => k.startsWith(p)))).toEqual([]);
    const advice = JSON.parse(readFileSync(join(webAssetsDir(), 'advice.json'), 'utf8'));
    const built = [
      ...SCAM_TYPES.map((s) => `scamType.${s}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...INDICATOR_TYPES.flatMap((t) => [`type.${t}`, `noun.${t}`]),
      ...['scam', 'suspicious', 'unknown', 'legitimate', 'official'].map((v) => `verdict.${v}`),
      ...['scam', 'suspicious', 'unknown', 'legitimate'].flatMap((v) => [`verdictShort.${v}`, `explain.${v}`]),
      ...['scam', 'suspicious', 'official', 'unknown', 'nothing'].flatMap((o) => [`summary.${o}.title`, `summary.${o}.body`]),
      ...['400', '401', '403', '404', '405', '409', '413', '415', '422', '429', '500', '503'].map((e) => `error.${e}.title`),
      ...Object.values(
        advice.jurisdictions as Record<string, { contacts: { label: string }[]; steps: string[]; byScamType: Record<string, string[]> }>,
      ).flatMap((j) => [
        ...j.contacts.map((c) => c.label),
        ...[...j.steps, ...Object.values(j.byScamType).flat()].filter((s) => !s.startsWith('@')).map((s) => `advice.step.${s}`),
      ]),
      ...[
        'not_an_indicator',
        'invalid_phone_for_region',
        'bad_checksum',
        'invalid_url',
        'invalid_domain',
        'invalid_email',
        'invalid_ip',
      ].map((c) => `unreadable.${c}`),
      ...[
        'invalid_bank_account',
        'invalid_wallet',
        'invalid_handle',
        'too_long',
        'unsupported_type',
        'invalid_region',
        'official_short_code',
      ].map((c) => `unreadable.${c}`),
      ...['from_partner', 'tlp_red', 'tlp_amber_strict', 'above_max_tlp', 'type_not_shared', 'below_min_confidence'].map(
        (r) => `withheld.${r}`,
      ),
      ...['already_pseudonymised', 'no_pseudonym_key', 'not_stix_representable', 'no_local_sighting'].map((r) => `withheld.${r}`),
    ];
    expect(built.filter((k) => !en.has(k))).toEqual([]);
  });

  it('fills placeholders and picks the plural form of each language', () => {
    expect(en.t('check.found', { n: 1 })).toBe('We checked 1 item in your message');
    expect(en.t('check.found', { n: 3 })).toBe('We checked 3 items in your message');
    expect(catalogues.get('ko')!.t('check.found', { n: 1 })).toBe('메시지에서 1개 항목을 확인했습니다');
    expect(catalogues.get('ko')!.t('verdict.scam', { noun: '번호' })).toBe('사기 신고된 번호입니다');
    expect(en.t('no.such.key')).toBe('no.such.key');
  });

  it('a new language is a new file: found, named, chosen for its jurisdiction, English where it has no word', () => {
    const d = mkdtempSync(join(tmpdir(), 'catalogues-'));
    for (const f of readdirSync(dir)) writeFileSync(join(d, f), readFileSync(join(dir, f)));
    writeFileSync(join(d, 'ms.json'), JSON.stringify({ _meta: { name: 'Bahasa Melayu', defaultFor: ['MY'] }, check: { submit: 'Semak' } }));
    const c = loadCatalogues(d);
    expect([...c.keys()].sort()).toEqual(['en', 'ko', 'ms']);
    expect(c.get('ms')!.t('check.submit')).toBe('Semak');
    expect(c.get('ms')!.t('check.title')).toBe('Is this a scam?');
    expect(nodeLanguage(c, 'MY')).toBe('ms');
    expect(nodeLanguage(c, 'KR')).toBe('ko');
    expect(nodeLanguage(c, 'SG')).toBe('en');
    expect(nodeLanguage(c, 'FR')).toBe('en');
  });

  it('refuses a catalogue without a name or with a value that is neither text nor a plural', () => {
    const d = mkdtempSync(join(tmpdir(), 'catalogues-'));
    writeFileSync(join(d, 'en.json'), JSON.stringify({ a: 'b' }));
    expect(() => loadCatalogues(d)).toThrow('_meta.name');
    writeFileSync(join(d, 'en.json'), JSON.stringify({ _meta: { name: 'English' }, a: [1] }));
    expect(() => loadCatalogues(d)).toThrow('message a must be');
  });
});
