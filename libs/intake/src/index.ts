export * from './intake.module';
export * from './intake.queue';
export * from './outbox-relay';
export * from './intake.service';
export * from './intake.processor';
export * from './reports.service';
export * from './dto/report.dto';
// The sighting tables' API for other libs: rebuilding a report's counts, named queries and SQL fragments.
export * from './report-counting';
export * from './sightings.queries';
export * from './sightings-sql';
export * from './ledger-sql';
export * from './indicator-reads';
