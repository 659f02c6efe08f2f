import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { ActionsModule } from '@scamintel/actions';
import { AuditModule } from '@scamintel/audit';
import { AuthModule } from '@scamintel/auth';
import { BulletinsModule } from '@scamintel/bulletins';
import { CampaignsModule } from '@scamintel/campaigns';
import { ExchangeCoreModule } from '@scamintel/exchange';
import { IntelModule } from '@scamintel/intel';
import { PolicingModule } from '@scamintel/policing';
import { IntakeModule } from '@scamintel/intake';
import { BulletinPagesController } from './bulletins/bulletin-pages.controller';
import { loadAdvice } from './check/advice';
import { CheckController } from './check/check.controller';
import { CheckService } from './check/check.service';
import { navOf } from './console/console-page';
import { ConsoleGuard } from './console/console.guard';
import { CONSOLE_PAGES } from './console/pages';
import { SessionsRepository } from './console/sessions.repository';
import { SessionsService } from './console/sessions.service';
import { SignInController } from './console/sign-in.controller';
import { WebErrorPages } from './http/error-pages';
import { StaticAssets } from './http/static-assets';
import { StaticController } from './http/static.controller';
import { loadCatalogues } from './i18n/catalogue';
import { webAssetsDir } from './paths';
import { WebRenderer } from './render/renderer';
import { ReceiptsRepository } from './report/receipts.repository';
import { ReportController } from './report/report.controller';
import { ADVICE, CATALOGUES, CONSOLE_NAV, STATIC_ASSETS, WEB_ASSETS_DIR } from './tokens';

/**
 * The pages for people (CONTRACT §13), served by the API process: the citizen's check, report and bulletins, and
 * the analysts' console. Everything they show comes through the other libs' services; this module holds only
 * rendering, sessions and report receipts.
 */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    IntelModule,
    IntakeModule,
    BulletinsModule,
    PolicingModule,
    ExchangeCoreModule,
    ActionsModule,
    CampaignsModule,
  ],
  controllers: [StaticController, CheckController, ReportController, BulletinPagesController, SignInController, ...CONSOLE_PAGES],
  providers: [
    { provide: WEB_ASSETS_DIR, useFactory: webAssetsDir },
    { provide: CATALOGUES, inject: [WEB_ASSETS_DIR], useFactory: (dir: string) => loadCatalogues(join(dir, 'locales')) },
    { provide: STATIC_ASSETS, inject: [WEB_ASSETS_DIR], useFactory: (dir: string) => new StaticAssets(join(dir, 'static')) },
    { provide: ADVICE, inject: [WEB_ASSETS_DIR], useFactory: (dir: string) => loadAdvice(join(dir, 'advice.json')) },
    { provide: CONSOLE_NAV, useValue: navOf(CONSOLE_PAGES) },
    WebRenderer,
    WebErrorPages,
    CheckService,
    ReceiptsRepository,
    SessionsRepository,
    SessionsService,
    ConsoleGuard,
  ],
  exports: [WebErrorPages],
})
export class WebModule {}
