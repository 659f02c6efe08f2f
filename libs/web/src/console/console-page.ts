import { applyDecorators, Controller, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '@scamintel/common';
import { ConsoleNavEntry } from '../tokens';
import { ConsoleGuard } from './console.guard';

const NAV_KEY = 'scamintel:console-nav';

/**
 * A console page: a controller under /console/<path>, behind the session guard (the global key guard sees a
 * public route: the console authenticates by session, not by Authorization header), left out of the OpenAPI
 * document. With `nav`, the page appears in the console's navigation under that message key, in the order the
 * pages are listed in CONSOLE_PAGES.
 */
export function ConsolePage(path: string, nav?: { label: string }): ClassDecorator {
  const route = path ? `console/${path}` : 'console';
  return applyDecorators(
    Controller(route),
    Access('public'),
    UseGuards(ConsoleGuard),
    ApiExcludeController(),
    SetMetadata(NAV_KEY, nav ? { path: `/${route}`, label: nav.label } : undefined),
  );
}

export function navOf(pages: readonly (abstract new (...args: never[]) => unknown)[]): ConsoleNavEntry[] {
  return pages.map((p) => Reflect.getMetadata(NAV_KEY, p) as ConsoleNavEntry | undefined).filter((e): e is ConsoleNavEntry => !!e);
}
