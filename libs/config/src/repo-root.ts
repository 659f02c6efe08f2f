import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** The checkout's root (the folder of scamintel's package.json), from sources and from dist/ alike. */
export function repoRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'scamintel') return (cached = dir);
    if (path.dirname(dir) === dir) return (cached = process.cwd());
  }
}
