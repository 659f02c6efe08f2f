import { Injectable } from '@nestjs/common';
import { PullCursorRepository } from '@scamintel/exchange';

/** This node's cursors into its partners' campaigns streams: the outbox cursor's table shape, its own table. */
@Injectable()
export class CampaignPullCursors extends PullCursorRepository {
  protected override readonly table = 'campaign_pull_cursors';
}
