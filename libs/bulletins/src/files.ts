import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMATS, render, type BulletinFigures, type BulletinFormat, type RenderOptions } from './core';

export function bulletinFileName(figures: Pick<BulletinFigures, 'jurisdiction' | 'period'>, lang: string, format: BulletinFormat): string {
  return `bulletin-${figures.jurisdiction}-${figures.period.from}-${lang}.${format}`;
}

/**
 * Writes `bulletin-<jurisdiction>-<from>-<lang>.{md,html,json}` for each language into `outDir` and returns the
 * paths. Plain Node, no Nest: the demo and the CLI can call it with figures fetched over HTTP. Each file is
 * written beside its final name and renamed, so a reader never sees half a bulletin.
 */
export async function writeBulletinFiles(
  figures: BulletinFigures,
  languages: string[],
  outDir: string,
  options: RenderOptions = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const lang of languages) {
    for (const format of FORMATS) {
      const path = join(outDir, bulletinFileName(figures, lang, format));
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, render(figures, lang, format, options), 'utf8');
      await rename(tmp, path);
      written.push(path);
    }
  }
  return written;
}
