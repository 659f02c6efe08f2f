/** Every queue and job name of the system, in one place (producers and processors import from here). */
export enum QueueName {
  Ingest = 'ingest',
  Exchange = 'exchange',
  Bulletins = 'bulletins',
  Actions = 'actions',
  Webhooks = 'webhooks',
  Feeds = 'feeds',
  Campaigns = 'campaigns',
}

export enum JobName {
  IngestBatch = 'ingest-batch',
  ExchangePush = 'exchange-push',
  ExchangeSchedule = 'exchange-schedule',
  BulletinGenerate = 'bulletin-generate',
  BulletinWeekly = 'bulletin-weekly',
  ActionsTick = 'actions-tick',
  ActionSend = 'action-send',
  ActionStatus = 'action-status',
  WebhookDeliver = 'webhook-deliver',
  WebhooksRelay = 'webhooks-relay',
  FeedRefresh = 'feed-refresh',
  CampaignsCluster = 'campaigns-cluster',
}
