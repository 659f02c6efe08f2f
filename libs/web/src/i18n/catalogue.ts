import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * One message catalogue per language: assets/locales/<lang>.json. Keys nest; a leaf is a string with `{name}`
 * placeholders, or a plural object ({"one": "…", "other": "…"}, the CLDR categories of Intl.PluralRules) chosen by
 * the `n` parameter. `_meta` names the language in itself and the jurisdictions whose node speaks it by default.
 * Adding a language is adding a file: nothing else names languages.
 */

export const FALLBACK_LANG = 'en';
const LANG = /^[a-z]{2,3}$/;
const PLURAL_KEYS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

export interface CatalogueMeta {
  /** The language's name in itself ("English", "한국어"): what the language switcher shows. */
  name: string;
  /** Jurisdictions whose node uses this language when a visitor states none (KR → ko). */
  defaultFor: string[];
}

type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Params = Record<string, string | number>;

function isPlural(v: unknown): v is Partial<Record<Intl.LDMLPluralRule, string>> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.includes('other') && keys.every((k) => PLURAL_KEYS.has(k) && typeof (v as Record<string, unknown>)[k] === 'string');
}

/** Flattens nested keys to `a.b.c`; plural objects stay whole. Throws on anything that is neither. */
export function flattenMessages(tree: unknown, prefix = '', out = new Map<string, Message>()): Map<string, Message> {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || isPlural(value)) out.set(path, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) flattenMessages(value, path, out);
    else throw new TypeError(`message ${path} must be a string, a plural object or a group`);
  }
  return out;
}

export class Catalogue {
  private readonly plurals: Intl.PluralRules;

  constructor(
    readonly lang: string,
    readonly meta: CatalogueMeta,
    private readonly messages: Map<string, Message>,
    private readonly fallback?: Catalogue,
  ) {
    this.plurals = new Intl.PluralRules(lang);
  }

  keys(): string[] {
    return [...this.messages.keys()];
  }

  has(key: string): boolean {
    return this.messages.has(key) || (this.fallback?.has(key) ?? false);
  }

  /** The message in this language, else in English; a key missing everywhere shows as itself (and fails the catalogue test). */
  t(key: string, params: Params = {}): string {
    const m = this.messages.get(key);
    if (m === undefined) return this.fallback ? this.fallback.t(key, params) : key;
    const template = typeof m === 'string' ? m : (m[this.plurals.select(Number(params.n ?? 0))] ?? m.other!);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }
}

/** Every catalogue in `dir`, each falling back to English for keys it lacks. */
export function loadCatalogues(dir: string): Map<string, Catalogue> {
  if (!existsSync(join(dir, `${FALLBACK_LANG}.json`))) throw new Error(`no ${FALLBACK_LANG}.json in ${dir}`);
  const read = (lang: string) => {
    const tree = JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')) as Record<string, unknown>;
    const { _meta, ...rest } = tree;
    const meta = _meta as Partial<CatalogueMeta> | undefined;
    if (typeof meta?.name !== 'string') throw new TypeError(`${lang}.json: _meta.name is required`);
    return {
      meta: { name: meta.name, defaultFor: Array.isArray(meta.defaultFor) ? meta.defaultFor.map(String) : [] },
      messages: flattenMessages(rest),
    };
  };
  const en = read(FALLBACK_LANG);
  const fallback = new Catalogue(FALLBACK_LANG, en.meta, en.messages);
  const out = new Map<string, Catalogue>([[FALLBACK_LANG, fallback]]);
  for (const file of readdirSync(dir).sort()) {
    const lang = file.replace(/\.json$/, '');
    if (!file.endsWith('.json') || lang === FALLBACK_LANG || !LANG.test(lang)) continue;
    const c = read(lang);
    out.set(lang, new Catalogue(lang, c.meta, c.messages, fallback));
  }
  return out;
}
