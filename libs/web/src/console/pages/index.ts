import { ActionsPage } from './actions.page';
import { AppealsPage } from './appeals.page';
import { CampaignsPage } from './campaigns.page';
import { ExchangePage } from './exchange.page';
import { IndicatorPage } from './indicator.page';
import { QueuePage } from './queue.page';

/**
 * The console's pages, in navigation order. A new page is a controller decorated with @ConsolePage (the session
 * guard, CSRF, OpenAPI exclusion and its navigation entry come with it), a template in assets/views/console, its
 * words in each catalogue, and one line here.
 */
export const CONSOLE_PAGES = [QueuePage, IndicatorPage, CampaignsPage, AppealsPage, ActionsPage, ExchangePage];
