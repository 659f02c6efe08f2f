import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp, WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '@scamintel/common';
import type { ImportPrincipal, ReportDto, IntakeService } from '@scamintel/intake';
import { csvRows } from './csv-source';
import { Progress, ProgressState } from './progress';
import { ReportFields, RowOptions, checkReport, toReport } from './report-row';
import { stixObjectToReport, StixDefaults } from './stix-report';
import { BundleFormatError, BundleScanResult, bundleObjects } from './stix-stream';

export type ImportFormat = 'csv' | 'stix';

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  principal: ImportPrincipal;
  /** Reports per IntakeService.submit call (one transaction, one outbox row, one ingest job). */
  batchSize: number;
  /** Batches in flight at once: parsing and validating the next batch overlaps the database write. */
  concurrency: number;
  errorsFile: string;
  rowOptions: RowOptions;
  stixDefaults: StixDefaults;
  /** Validate only: nothing is written but the errors file. */
  dryRun: boolean;
  progress: Progress;
}

export interface ImportSummary {
  rows: number;
  ok: number;
  failed: number;
  /** Bundle objects that are not indicators (identities, marking definitions, sightings, …). */
  skipped: number;
  /** Rows of batches already imported by an earlier run of the same file (answered from the idempotency record). */
  replayed: number;
  batches: number;
  seconds: number;
  rowsPerSec: number;
  sha256: string;
  errorsFile?: string;
}

/** Rows from the file, in order, each either a report body to check or an error. */
type Item = { row: number; body?: Record<string, unknown>; fields?: ReportFields; error?: string };

interface Pending {
  row: number;
  report: ReportDto;
}

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Streams a CSV file or a STIX bundle into IntakeService.submit, batch by batch, exactly as the API's batch
 * route stores reports (durable, with their outbox row, enqueued for the worker). A row that cannot be a
 * report is written to the errors file and the import goes on. Batches carry an Idempotency-Key derived from
 * the file's SHA-256, the batch size and the batch number, so running the same import again after an
 * interruption skips what was already stored instead of storing it twice.
 */
export class Importer {
  private bytes = 0;
  private ok = 0;
  private failed = 0;
  private skipped = 0;
  private replayed = 0;
  private batches = 0;
  private errors?: WriteStream;
  private errorsOpen?: Promise<void>;

  constructor(
    private readonly reports: Pick<IntakeService, 'submit'> | undefined,
    private readonly o: ImportOptions,
  ) {}

  private state(): ProgressState {
    return { bytes: this.bytes, ok: this.ok, failed: this.failed };
  }

  private async rowError(row: number, error: string): Promise<void> {
    this.failed++;
    if (!this.errors) {
      this.errors = createWriteStream(this.o.errorsFile, { flags: 'w' });
      this.errorsOpen = new Promise((resolve, reject) => this.errors!.once('open', () => resolve()).once('error', reject));
      this.errors.write('row,error\n');
    }
    if (!this.errors.write(`${row},${csvField(error)}\n`)) await new Promise<void>((r) => this.errors!.once('drain', () => r()));
  }

  private async *items(): AsyncGenerator<Item> {
    const input = createReadStream(this.o.file, { highWaterMark: 256 * 1024 });
    if (this.o.format === 'csv') {
      input.on('data', (b) => (this.bytes += b.length));
      for await (const r of csvRows(input)) {
        yield 'error' in r ? { row: r.line, error: r.error } : { row: r.line, fields: r.fields };
      }
      return;
    }
    const decoder = new StringDecoder('utf8');
    const counted = (n: number) => (this.bytes += n);
    async function* text(): AsyncGenerator<string> {
      for await (const b of input) {
        counted((b as Buffer).length);
        yield decoder.write(b as Buffer);
      }
      const rest = decoder.end();
      if (rest) yield rest;
    }
    const scan: BundleScanResult = {};
    for await (const el of bundleObjects(text(), scan)) {
      if (scan.type !== undefined && scan.type !== 'bundle')
        throw new BundleFormatError(`the root object is a ${JSON.stringify(scan.type)}, not a STIX bundle`);
      const row = el.index + 1;
      if ('error' in el) {
        yield { row, error: el.error };
        continue;
      }
      const mapped = stixObjectToReport(el.value, this.o.stixDefaults);
      if (mapped.kind === 'skip') this.skipped++;
      else if (mapped.kind === 'error') yield { row, error: mapped.error };
      else yield { row, body: mapped.body };
    }
    if (scan.type !== 'bundle')
      throw new BundleFormatError(
        scan.type === undefined
          ? 'the root object has no "type": "bundle"; not a STIX bundle'
          : `the root object is a ${JSON.stringify(scan.type)}, not a STIX bundle`,
      );
  }

  async run(): Promise<ImportSummary> {
    const started = Date.now();
    const { size } = await fsp.stat(this.o.file);
    await fsp.rm(this.o.errorsFile, { force: true });
    const sha256 = await sha256File(this.o.file);
    this.o.progress.start(size);
    const tick = setInterval(() => this.o.progress.update(this.state()), 100);
    tick.unref();

    const inflight = new Set<Promise<void>>();
    let fatal: unknown;
    let batch: Pending[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const mine = batch;
      const n = this.batches++;
      batch = [];
      while (inflight.size >= this.o.concurrency) await Promise.race(inflight);
      if (fatal) throw fatal;
      const task: Promise<void> = this.submit(mine, `import:${sha256}:${this.o.batchSize}:${n}`)
        .catch((err) => {
          fatal ??= err;
        })
        .finally(() => inflight.delete(task));
      inflight.add(task);
    };

    try {
      for await (const item of this.items()) {
        if (fatal) throw fatal;
        if (item.error !== undefined) {
          await this.rowError(item.row, item.error);
          continue;
        }
        const outcome = item.body ? checkReport(item.body, this.o.rowOptions) : toReport(item.fields ?? {}, this.o.rowOptions);
        if (!outcome.ok) {
          await this.rowError(item.row, outcome.error);
          continue;
        }
        batch.push({ row: item.row, report: outcome.report });
        if (batch.length >= this.o.batchSize) await flush();
      }
      await flush();
      await Promise.all(inflight);
      if (fatal) throw fatal;
    } finally {
      clearInterval(tick);
      this.o.progress.stop(this.state());
      if (this.errors) {
        await this.errorsOpen?.catch(() => undefined);
        await new Promise<void>((resolve) => this.errors!.end(() => resolve()));
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const rows = this.ok + this.failed;
    return {
      rows,
      ok: this.ok,
      failed: this.failed,
      skipped: this.skipped,
      replayed: this.replayed,
      batches: this.batches,
      seconds,
      rowsPerSec: seconds > 0 ? Math.round(rows / seconds) : rows,
      sha256,
      ...(this.errors ? { errorsFile: this.o.errorsFile } : {}),
    };
  }

  /** One batch through IntakeService.submit; rows the service refuses are error rows, the others retried once. */
  private async submit(batch: Pending[], key: string): Promise<void> {
    if (this.o.dryRun || !this.reports) {
      this.ok += batch.length;
      return;
    }
    const reports = batch.map((p) => p.report);
    try {
      const res = await this.reports.submit(this.o.principal, reports, reports, key);
      this.ok += batch.length;
      if (res.replayed) this.replayed += batch.length;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'idempotency_conflict') {
        for (const p of batch)
          await this.rowError(
            p.row,
            `batch ${key.split(':').pop()} was imported before from this file with other content or options (--strict, --scam-type, …); nothing stored for this row`,
          );
        return;
      }
      if (err.code !== 'validation_failed') throw err;
      const bad = new Map<number, string>();
      for (const d of err.details) {
        const m = /^\[(\d+)\]\.?(.*)$/.exec(d.path);
        if (m) bad.set(Number(m[1]), `${m[2] || 'report'}: ${d.message}`);
      }
      if (!bad.size) throw err;
      for (const [i, msg] of bad) await this.rowError(batch[i].row, msg);
      const rest = batch.filter((_, i) => !bad.has(i));
      if (rest.length) await this.submit(rest, `${key}:retry`);
    }
  }
}
