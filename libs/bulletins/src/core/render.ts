import { defaultLocalesDir, loadLocale } from './locale';
import { html, htmlBody } from './templates/html';
import { markdown } from './templates/markdown';
import { buildView } from './templates/view';
import type { BulletinFigures } from './types';

export type BulletinFormat = 'json' | 'md' | 'html';
export const FORMATS: readonly BulletinFormat[] = ['json', 'md', 'html'];

export interface RenderOptions {
  /** Where `<lang>.json` files live; defaults to `libs/bulletins/src/locales` beside this code. */
  localesDir?: string;
}

/**
 * One bulletin in one language and format. `json` is the figures themselves (language-neutral; `lang` is still
 * checked so an unknown language fails the same way in every format).
 */
export function render(figures: BulletinFigures, lang: string, format: BulletinFormat, options: RenderOptions = {}): string {
  const locale = loadLocale(lang, options.localesDir ?? defaultLocalesDir());
  switch (format) {
    case 'json':
      return JSON.stringify(figures, null, 2) + '\n';
    case 'md':
      return markdown(buildView(figures, locale));
    case 'html':
      return html(buildView(figures, locale));
    default:
      throw new RangeError(`unsupported format ${JSON.stringify(format)}`);
  }
}

/** The HTML of a bulletin's content in one language, for a page that provides the document around it (libs/web). */
export function renderFragment(figures: BulletinFigures, lang: string, options: RenderOptions = {}): { title: string; body: string } {
  const view = buildView(figures, loadLocale(lang, options.localesDir ?? defaultLocalesDir()));
  return { title: view.title, body: htmlBody(view) };
}
