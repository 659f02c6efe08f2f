export * from './intake.module';
export * from './intake.queue';
export * from './outbox-relay';
export * from './intake.service';
export * from './intake.processor';
export * from './reports.service';
export * from './dto/report.dto';
