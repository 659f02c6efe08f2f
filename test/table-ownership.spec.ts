import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/processes';

/*
 * Each table has one owner lib, and only that lib's SQL names it; other libs go through the owner's public API
 * (its `@scamintel/*` index: named queries, or SQL fragments for statements that must join their own tables in
 * one round trip). A statement naming an owned table outside its owner fails this test.
 */
const OWNERS: Record<string, string[]> = {
  intake: ['reports', 'report_indicators', 'indicator_stats', 'indicator_reporters', 'intake_outbox'],
};

/**
 * What is left, file by file, and why. A listed file that names none of its tables any more fails too, so the list
 * only shrinks.
 */
const ALLOWED: Record<string, { tables: string[]; why: string }> = {
  'libs/campaigns/src/exchange/share.repository.ts': {
    tables: ['reports', 'report_indicators'],
    why: 'the campaign share is being reworked for pull delivery; it moves to intake’s ledger fragments with that change',
  },
};

const STATEMENT = (table: string) => new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b`);

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [rel] : [];
  });
}

describe('table ownership', () => {
  const files = [...sources('libs'), ...sources('apps')].map((f) => ({ file: f, text: readFileSync(path.join(ROOT, f), 'utf8') }));
  const owned = Object.entries(OWNERS).flatMap(([lib, tables]) => tables.map((table) => ({ lib, table })));

  it('names an owned table in SQL only inside its owner lib (or an allow-listed file)', () => {
    const found = files.flatMap(({ file, text }) =>
      owned
        .filter(({ lib, table }) => !file.startsWith(`libs/${lib}/`) && STATEMENT(table).test(text))
        .filter(({ table }) => !ALLOWED[file]?.tables.includes(table))
        .map(({ lib, table }) => `${file}: SQL on ${table} (owned by libs/${lib})`),
    );
    expect(found).toEqual([]);
  });

  it('keeps the allow-list current: every listed file still names one of its tables', () => {
    // Per file rather than per table, so a change that drops one table from a listed file does not fail here;
    // the entry goes when the file names none.
    const stale = Object.entries(ALLOWED)
      .filter(([file, { tables }]) => !tables.some((t) => STATEMENT(t).test(files.find((f) => f.file === file)?.text ?? '')))
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });

  it('catches a statement naming an owned table (the check itself can fail)', () => {
    expect(STATEMENT('reports').test('SELECT id FROM reports WHERE id = $1')).toBe(true);
    expect(STATEMENT('reports').test('UPDATE reports SET x = 1')).toBe(true);
    expect(STATEMENT('reports').test('SELECT 1 FROM reports_archive')).toBe(false);
    expect(STATEMENT('reports').test('counts the reports from the ledger')).toBe(false);
  });
});
