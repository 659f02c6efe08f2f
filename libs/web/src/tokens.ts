/** Injection tokens of the web module's loaded resources. */
export const WEB_ASSETS_DIR = Symbol('WEB_ASSETS_DIR');
export const CATALOGUES = Symbol('CATALOGUES');
export const STATIC_ASSETS = Symbol('STATIC_ASSETS');
export const ADVICE = Symbol('ADVICE');
export const CONSOLE_NAV = Symbol('CONSOLE_NAV');

/** A console page in the navigation: its path and the message key of its label. */
export interface ConsoleNavEntry {
  path: string;
  label: string;
}
