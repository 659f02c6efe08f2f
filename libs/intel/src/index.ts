export * from './intel.module';
export * from './ingest/ingest.service';
export * from './ingest/ingest.processor';
export * from './lookup/lookup.service';
