/** Every queue and job name of the system, in one place (producers and processors import from here). */
export enum QueueName {
  Ingest = 'ingest',
  Exchange = 'exchange',
  Bulletins = 'bulletins',
}

export enum JobName {
  IngestBatch = 'ingest-batch',
  ExchangePush = 'exchange-push',
  ExchangeSchedule = 'exchange-schedule',
  BulletinGenerate = 'bulletin-generate',
  BulletinWeekly = 'bulletin-weekly',
}
