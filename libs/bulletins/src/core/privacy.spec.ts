import { buildFigures, DEFAULT_CONFIG } from './figures';
import { candidate, knownInput } from './__fixtures__/input';
import { availableLanguages } from './locale';
import { maskIndicator } from './mask';
import { FORMATS, render } from './render';
import type { BulletinConfig, WatchCandidate } from './types';

// Candidates that must never reach a bulletin, each with a distinctive value, plus "values" that are really
// reporter data or narrative text pasted into the wrong field.
const forbidden: WatchCandidate[] = [
  candidate({ tlp: 'green', value: '+6591110001' }),
  candidate({ tlp: 'amber', type: 'domain', value: 'amber-secret.example' }),
  candidate({ tlp: 'amber+strict', type: 'email', value: 'strict.agent@amber-strict.example' }),
  candidate({ tlp: 'red', type: 'url', value: 'https://red-only.example/case/7781' }),
  candidate({ tlp: 'CLEAR' as never, type: 'domain', value: 'shouting-clear.example' }),
  candidate({ verdict: 'suspicious', type: 'domain', value: 'suspicious-only.example' }),
  candidate({ verdict: 'unknown', type: 'crypto_wallet', value: '0x1111111111111111111111111111111111111111' }),
  candidate({ verdict: 'legitimate', type: 'domain', value: 'real-bank.example' }),
  candidate({ warninglisted: true, type: 'domain', value: 'gov-warninglisted.example' }),
  candidate({ warninglisted: 'false' as never, type: 'social_handle', value: 'telegram:stringly_false' }),
  candidate({ warninglisted: undefined as never, type: 'bank_account', value: 'SG:7171:5555000099' }),
  candidate({ tlp: 'amber', value: 'Reporter Tan Ah Kow, contact 91234567' }),
  candidate({ verdict: 'suspicious', type: 'domain', value: 'NARRATIVE: the caller said my son was arrested' }),
  candidate({ tlp: 'green', type: 'reporter', value: 'Kim Min-jun <minjun@example.com>' }),
  candidate({ tlp: 'red', type: 'social_handle', value: 'kakaotalk:victim_park_jiwoo' }),
];

const tokens = [
  'Tan Ah Kow',
  '91234567',
  'NARRATIVE',
  'son was arrested',
  'Kim Min-jun',
  'minjun',
  'victim_park',
  'vic•••oo',
  ...forbidden.map((c) => c.value),
  ...forbidden
    .flatMap((c) => [maskIndicator(c.type, c.value, 'partial'), maskIndicator(c.type, c.value, 'defang')])
    .filter((d): d is string => d !== null),
];

describe.each<BulletinConfig['maskStyle']>(['partial', 'defang'])('nothing unpublishable in any language or format (%s)', (maskStyle) => {
  const input = knownInput();
  input.watch = [...input.watch, ...forbidden];
  const figures = buildFigures(input, { ...DEFAULT_CONFIG, maskStyle });
  const cases = availableLanguages().flatMap((lang) => FORMATS.map((format) => [lang, format] as const));

  it('still publishes the eligible candidates', () => {
    expect(figures.watch).toHaveLength(knownInput().watch.length);
  });

  it.each(cases)('%s %s', (lang, format) => {
    const out = render(figures, lang, format);
    for (const token of tokens) expect({ token, found: out.includes(token) }).toEqual({ token, found: false });
    if (maskStyle === 'partial') expect(out).not.toContain('81234567'); // the eligible phone, unmasked
    expect(out).not.toMatch(/\b(amber|red|green)\b/i);
  });
});
