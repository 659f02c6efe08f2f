export * from './reports.module';
export * from './intake-queue';
export * from './outbox-relay';
export * from './reports.service';
export * from './dto/report.dto';
