import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { AuditService } from '@scamintel/audit';
import { QueueName } from '@scamintel/common';
import { IntakeService } from '@scamintel/intake';
import { CHANNELS, KEYED_TRUST, SCAM_TYPES, type KeyedTrust } from '@scamintel/vocabulary';
import { ImportFormat, Importer, ImportSummary } from '../import/importer';
import { lineProgress, ttyProgress } from '../import/progress';
import { UsageError, cliActor, defineCommand, displayPath, intOption, oneOf, organisation, parseOptions } from './command';

const FORMATS: Record<string, ImportFormat> = { '.csv': 'csv', '.json': 'stix', '.stix': 'stix' };

export const importCmd = defineCommand({
  usage:
    'import <file.csv|bundle.json> --org <name> [--trust <low|medium|high>] [--format csv|stix] [--batch-size <n>] [--concurrency <n>]\n' +
    '       [--errors <file>] [--strict] [--dry-run] [--scam-type <t>] [--channel <c>] [--jurisdiction <CC>] [--progress-interval <ms>]',
  summary: 'import reports from a CSV file or a STIX 2.1 bundle (streamed; see apps/cli/README.md)',
  context: 'import',
  parse(args) {
    const { values: v, positionals } = parseOptions(
      args,
      {
        org: { type: 'string' },
        trust: { type: 'string' },
        format: { type: 'string' },
        'batch-size': { type: 'string' },
        concurrency: { type: 'string' },
        errors: { type: 'string' },
        strict: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'scam-type': { type: 'string' },
        channel: { type: 'string' },
        jurisdiction: { type: 'string' },
        'progress-interval': { type: 'string' },
      },
      1,
    );
    const file = path.resolve(positionals[0]);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${positionals[0]}`);
    const format =
      v.format !== undefined ? oneOf<ImportFormat>('format', v.format, ['csv', 'stix']) : FORMATS[path.extname(file).toLowerCase()];
    if (!format) throw new UsageError('cannot tell the format from the file name; add --format csv|stix');
    if (v.jurisdiction !== undefined && !/^[A-Z]{2}$/.test(v.jurisdiction))
      throw new UsageError('--jurisdiction must be an ISO 3166-1 alpha-2 code (upper case)');
    if (format === 'csv' && (v['scam-type'] || v.channel || v.jurisdiction))
      throw new UsageError('--scam-type, --channel and --jurisdiction are for STIX bundles; a CSV file has columns for them');
    return {
      file,
      format,
      organisation: organisation(v.org),
      trust: oneOf<KeyedTrust>('trust', v.trust, KEYED_TRUST, 'medium'),
      batchSize: intOption('batch-size', v['batch-size'], 1000, 1, 1000),
      concurrency: intOption('concurrency', v.concurrency, 4, 1, 16),
      errorsFile: path.resolve(v.errors ?? `${file}.errors.csv`),
      strict: !!v.strict,
      dryRun: !!v['dry-run'],
      progressEveryMs: intOption('progress-interval', v['progress-interval'], 2000, 100, 3_600_000),
      stixDefaults: {
        scamType: oneOf('scam-type', v['scam-type'], SCAM_TYPES, 'other'),
        channel: oneOf('channel', v.channel, CHANNELS, 'other'),
        jurisdiction: v.jurisdiction,
      },
    };
  },
  async run(app, p, config, io) {
    const reports = p.dryRun ? undefined : app.get(IntakeService, { strict: false });
    // Redis down is not fatal for an import (the worker's outbox relay enqueues stored batches later): say so once
    // instead of letting every reconnect attempt print a stack.
    let warned = false;
    app.get<Queue>(getQueueToken(QueueName.Ingest), { strict: false }).on('error', (err: Error) => {
      if (warned) return;
      warned = true;
      io.err(
        `warning: Redis is unreachable at REDIS_URL (${err.message}); reports are still stored, and the worker's outbox relay will queue them\n`,
      );
    });
    const importer = new Importer(reports, {
      file: p.file,
      format: p.format,
      principal: { kind: 'import', organisation: p.organisation, trust: p.trust },
      batchSize: p.batchSize,
      concurrency: p.concurrency,
      errorsFile: p.errorsFile,
      rowOptions: { strict: p.strict, defaultRegion: config.jurisdiction },
      stixDefaults: p.stixDefaults,
      dryRun: p.dryRun,
      progress: io.isTTY ? ttyProgress() : lineProgress(process.stderr, p.progressEveryMs),
    });
    let summary: ImportSummary | undefined;
    const audit = app.get(AuditService, { strict: false });
    const record = (outcome: string, extra: Record<string, unknown>) =>
      p.dryRun
        ? Promise.resolve()
        : audit
            .record({
              actor: cliActor(),
              action: 'reports.imported',
              subject: path.basename(p.file),
              details: { outcome, organisation: p.organisation, trust: p.trust, format: p.format, ...extra },
            })
            .then(() => undefined);
    try {
      summary = await importer.run();
    } catch (e) {
      await record('aborted', { error: (e as Error).message }).catch(() => undefined);
      throw e;
    }
    await record('completed', {
      sha256: summary.sha256,
      rowsOk: summary.ok,
      rowsFailed: summary.failed,
      replayed: summary.replayed,
      batches: summary.batches,
    });
    const s = summary;
    const notes = [
      s.skipped ? `${s.skipped} non-indicator objects skipped` : '',
      s.replayed ? `${s.replayed} rows were already imported by an earlier run and not stored again` : '',
      s.errorsFile ? `errors in ${displayPath(s.errorsFile)}` : '',
      p.dryRun ? 'dry run: nothing stored' : '',
    ].filter(Boolean);
    io.out(
      `import done: ${s.ok} rows ok, ${s.failed} rows failed, ${s.rowsPerSec} rows/s (${s.seconds.toFixed(1)} s)${notes.length ? `; ${notes.join('; ')}` : ''}\n`,
    );
    return 0;
  },
});
