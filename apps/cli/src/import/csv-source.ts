import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { ReportFields } from './report-row';

/** CSV header → report field. The header row names the columns; their order is free (apps/cli/README.md). */
export const CSV_COLUMNS: Record<string, keyof ReportFields> = {
  occurred_at: 'occurredAt',
  scam_type: 'scamType',
  channel: 'channel',
  jurisdiction: 'jurisdiction',
  indicator_type: 'indicatorType',
  indicator_value: 'indicatorValue',
  loss_amount: 'lossAmount',
  loss_currency: 'lossCurrency',
  tlp: 'tlp',
  external_ref: 'externalRef',
  narrative: 'narrative',
};
export const REQUIRED_COLUMNS = ['occurred_at', 'scam_type', 'channel', 'indicator_value'];

/** A problem with the file as a whole: nothing is imported. */
export class ImportFileError extends Error {}

/** One data row: its line in the file (the header is line 1) and either its fields or why it cannot be read. */
export type SourceRow = { line: number; fields: ReportFields } | { line: number; error: string };

/** Maps a header row to field names; refuses unknown, duplicate and missing columns (nothing silently dropped). */
export function readHeader(header: string[]): (keyof ReportFields)[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(n in CSV_COLUMNS));
  if (unknown.length)
    throw new ImportFileError(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}; the columns are ${Object.keys(CSV_COLUMNS).join(', ')}`,
    );
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (dup.length) throw new ImportFileError(`column ${JSON.stringify(dup[0])} appears twice`);
  const missing = REQUIRED_COLUMNS.filter((r) => !names.includes(r));
  if (missing.length)
    throw new ImportFileError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (header: ${names.join(',')})`);
  return names.map((n) => CSV_COLUMNS[n]);
}

const newlines = (record: string[]) =>
  record.reduce((n, f) => {
    for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
    return n;
  }, 0);

/**
 * Streams the rows of a CSV file. csv-parse's async iterator pulls from the file only as fast as the caller
 * consumes, so memory stays bounded by one parser buffer whatever the file size. Quotes inside unquoted fields
 * are kept as text (relax_quotes), so one stray quote spoils one row, not the rest of the file; a row with the
 * wrong number of fields is an error row, not a misaligned report.
 */
export async function* csvRows(input: Readable): AsyncGenerator<SourceRow> {
  const skipped: SourceRow[] = [];
  const parser = input.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true, info: true }),
  );
  input.on('error', (err) => parser.destroy(err));
  parser.on('skip', (err: Error & { lines?: number }) => skipped.push({ line: err.lines ?? 0, error: `unreadable CSV: ${err.message}` }));
  let fields: (keyof ReportFields)[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const line = info.lines - newlines(record);
    if (!fields) {
      fields = readHeader(record);
      continue;
    }
    if (record.length !== fields.length) {
      yield { line, error: `expected ${fields.length} fields (as in the header), got ${record.length}` };
      continue;
    }
    const row: ReportFields = {};
    for (let i = 0; i < fields.length; i++) if (record[i] !== '') row[fields[i]] = record[i];
    yield { line, fields: row };
  }
  while (skipped.length) yield skipped.shift()!;
  if (!fields) throw new ImportFileError('the file is empty (no header row)');
}
