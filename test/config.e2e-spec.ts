import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './support/processes';

describe('settings are checked at start (CONTRACT §2)', () => {
  it.each(['api', 'worker'])('the %s exits 1 with one line per bad variable', (app) => {
    const run = spawnSync(process.execPath, [path.join(ROOT, `dist/apps/${app}/src/main.js`)], {
      env: { PATH: process.env.PATH ?? '', NODE_ID: 'Not Valid', JURISDICTION: 'korea', PORT: 'eighty', REDIS_URL: 'http://x' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['JURISDICTION', 'NODE_ID', 'PORT', 'REDIS_URL']);
  });
});
