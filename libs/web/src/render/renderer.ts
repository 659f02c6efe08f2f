import { Inject, Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Catalogue, FALLBACK_LANG } from '../i18n/catalogue';
import { chooseLanguage, LanguageChoice, nodeLanguage } from '../i18n/negotiate';
import { applySecurityHeaders } from '../http/security-headers';
import { StaticAssets } from '../http/static-assets';
import { pageHelpers } from './page-helpers';
import { CATALOGUES, CONSOLE_NAV, ConsoleNavEntry, STATIC_ASSETS, WEB_ASSETS_DIR } from '../tokens';
import { consoleSessionOf } from '../console/session-request';

export type CachePolicy = 'no-store' | 'revalidate' | 'public';

const CACHE_CONTROL: Record<CachePolicy, string> = {
  // Anything personal or sensitive: a check's answer, a report's status, every console page.
  'no-store': 'no-store',
  revalidate: 'no-cache',
  // Published, rarely changing pages (bulletins).
  public: 'public, max-age=300',
};

export interface RenderOptions {
  status?: number;
  cache?: CachePolicy;
  headers?: Record<string, string>;
}

/**
 * Renders a page with Eta (templates in assets/views, one layout) in the visitor's language and sends it with
 * the pages' security headers. Controllers hand over language-neutral data; every word comes from a catalogue.
 */
@Injectable()
export class WebRenderer {
  private readonly eta: Eta;
  private readonly languages: string[];
  private readonly nodeLang: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEB_ASSETS_DIR) dir: string,
    @Inject(CATALOGUES) private readonly catalogues: Map<string, Catalogue>,
    @Inject(STATIC_ASSETS) private readonly assets: StaticAssets,
    @Inject(CONSOLE_NAV) private readonly nav: ConsoleNavEntry[],
  ) {
    this.eta = new Eta({ views: join(dir, 'views'), cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
    this.languages = [...catalogues.keys()];
    this.nodeLang = nodeLanguage(catalogues, config.jurisdiction);
  }

  language(req: FastifyRequest): LanguageChoice {
    const query = req.query as Record<string, unknown> | undefined;
    const accept = req.headers['accept-language'];
    return chooseLanguage(this.languages, query?.lang, typeof accept === 'string' ? accept : undefined, this.nodeLang);
  }

  catalogue(lang: string): Catalogue {
    return this.catalogues.get(lang) ?? this.catalogues.get(FALLBACK_LANG)!;
  }

  /** The HTML of a view for this request (also used to render error pages). */
  html(req: FastifyRequest, view: string, data: Record<string, unknown>): { html: string; lang: string } {
    const choice = this.language(req);
    const catalogue = this.catalogue(choice.lang);
    const helpers = pageHelpers({
      catalogue,
      timeZone: this.config.bulletins.timezone,
      explicitLang: choice.explicit ? choice.lang : undefined,
    });
    const path = req.url.split('?')[0];
    const session = consoleSessionOf(req);
    const html = this.eta.render(view, {
      ...helpers,
      ...data,
      path,
      explicitLang: choice.explicit ? choice.lang : undefined,
      asset: (name: string) => this.assets.url(name),
      node: { id: this.config.nodeId, jurisdiction: this.config.jurisdiction, jurisdictionName: helpers.region(this.config.jurisdiction) },
      languages: this.languages.map((code) => ({
        code,
        name: this.catalogue(code).meta.name,
        current: code === choice.lang,
        href: this.switchHref(req, code),
      })),
      console: session
        ? {
            organisation: session.organisation,
            csrf: session.csrf,
            nav: this.nav.map((n) => ({ ...n, current: path === n.path || path.startsWith(`${n.path}/`) })),
          }
        : undefined,
    });
    return { html, lang: choice.lang };
  }

  /** Renders and sends a page. */
  send(req: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown> = {}, opts: RenderOptions = {}): void {
    const { html, lang } = this.html(req, view, data);
    applySecurityHeaders(reply);
    for (const [k, v] of Object.entries(opts.headers ?? {})) reply.header(k, v);
    reply
      .status(opts.status ?? 200)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Language', lang)
      .header('Vary', 'Accept-Language, Cookie')
      .header('Cache-Control', CACHE_CONTROL[opts.cache ?? 'no-store'])
      .send(html);
  }

  /** 303 See Other, with the pages' headers (after a form POST: the browser then GETs the answer). */
  redirect(reply: FastifyReply, location: string): void {
    applySecurityHeaders(reply);
    reply.header('Cache-Control', 'no-store').redirect(location, 303);
  }

  /** The same page in another language: the current URL with only `lang` replaced. */
  private switchHref(req: FastifyRequest, lang: string): string {
    const url = new URL(req.url, 'http://page.invalid');
    url.searchParams.set('lang', lang);
    return `${url.pathname}?${url.searchParams.toString()}`;
  }
}
