import Negotiator from 'negotiator';
import type { Catalogue } from './catalogue';
import { FALLBACK_LANG } from './catalogue';

export interface LanguageChoice {
  lang: string;
  /** Chosen with ?lang=: kept in every link and form, so the choice survives navigation without a cookie. */
  explicit: boolean;
}

/** The node's own language: the catalogue that names its jurisdiction in `_meta.defaultFor`, else English. */
export function nodeLanguage(catalogues: Map<string, Catalogue>, jurisdiction: string): string {
  for (const [lang, c] of catalogues) if (c.meta.defaultFor.includes(jurisdiction)) return lang;
  return FALLBACK_LANG;
}

/** CONTRACT §13: `?lang=` when it names a catalogue, else Accept-Language, else the node's language. */
export function chooseLanguage(
  available: readonly string[],
  query: unknown,
  acceptLanguage: string | undefined,
  nodeDefault: string,
): LanguageChoice {
  if (typeof query === 'string' && available.includes(query)) return { lang: query, explicit: true };
  if (acceptLanguage && acceptLanguage.trim() && acceptLanguage.trim() !== '*') {
    const picked = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...available]);
    if (picked) return { lang: picked, explicit: false };
  }
  return { lang: nodeDefault, explicit: false };
}
