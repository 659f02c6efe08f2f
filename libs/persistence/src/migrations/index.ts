import { Spine1764300000000 } from './1764300000000-spine';
import { Audit1764300001000 } from './1764300001000-audit';
import { Exchange1764300002000 } from './1764300002000-exchange';
import { Bulletins1764300003000 } from './1764300003000-bulletins';
import { Policing1764300004000 } from './1764300004000-policing';
import { Web1764300012000 } from './1764300012000-web';
import { Campaigns1764300013000 } from './1764300013000-campaigns';
import { CampaignRecords1764300013100 } from './1764300013100-campaign-records';
import { ExchangeStats1764300012100 } from './1764300012100-exchange-stats';
import { Organisations1764300014000 } from './1764300014000-organisations';
import { Actions1764300014100 } from './1764300014100-actions';
import { Webhooks1764300014200 } from './1764300014200-webhooks';
import { Feeds1764300014300 } from './1764300014300-feeds';
import { ExchangePull1764300016100 } from './1764300016100-exchange-pull';
import { FormerPartners1764300016200 } from './1764300016200-former-partners';
import { ReportExclusion1764300016500 } from './1764300016500-report-exclusion';
import { TaxiiObjectIds1764300016600 } from './1764300016600-taxii-object-ids';
import { CampaignExclusions1764300018000 } from './1764300018000-campaign-exclusions';
import { CampaignNodeIds1764300018010 } from './1764300018010-campaign-node-ids';
import { CampaignPull1764300018100 } from './1764300018100-campaign-pull';
import { IndicatorsWarninglisted1764300018200 } from './1764300018200-indicators-warninglisted';

/** Every migration in order; the data source lists them explicitly so the build needs no glob. */
export const MIGRATIONS = [
  Spine1764300000000,
  Audit1764300001000,
  Exchange1764300002000,
  Bulletins1764300003000,
  Policing1764300004000,
  Web1764300012000,
  ExchangeStats1764300012100,
  Campaigns1764300013000,
  CampaignRecords1764300013100,
  Organisations1764300014000,
  Actions1764300014100,
  Webhooks1764300014200,
  Feeds1764300014300,
  ExchangePull1764300016100,
  FormerPartners1764300016200,
  ReportExclusion1764300016500,
  TaxiiObjectIds1764300016600,
  CampaignExclusions1764300018000,
  CampaignNodeIds1764300018010,
  CampaignPull1764300018100,
  IndicatorsWarninglisted1764300018200,
];
