import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { ROOT } from './support/processes';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

describe('runtime', () => {
  it('is Node 24 LTS, for this test process and for `node` on the PATH that npm scripts and spawned processes use', () => {
    expect(process.versions.node).toMatch(/^24\./);
    const onPath = spawnSync('node', ['-v'], { encoding: 'utf8' });
    expect(onPath.stdout.trim()).toMatch(/^v24\./);
    expect(readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('24');
    expect(pkg.engines.node).toMatch(/^>=24\.\d+ <25$/);
    const [min] = /\d+\.\d+/.exec(pkg.engines.node)!;
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major === 24 && minor >= Number(min.split('.')[1])).toBe(true);
    for (const bin of Object.keys(pkg.optionalDependencies)) expect(pkg.optionalDependencies[bin]).toMatch(/^\^24\./);
  });
});

describe('licence', () => {
  it('LICENSE is the Apache License 2.0 that package.json declares', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });
});

describe('dependencies', () => {
  // Runtime code: what the image runs (apps, libs and the scripts its processes start), tests and fixtures excluded.
  const runtimeFiles = (() => {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== '__fixtures__' && e.name !== 'node_modules') walk(rel);
        } else if (/\.ts$/.test(e.name) && !/\.(spec|e2e-spec)\.ts$/.test(e.name)) out.push(rel);
      }
    };
    walk('apps');
    walk('libs');
    return [...out, 'scripts/migrate.ts', 'scripts/healthcheck.ts'];
  })();
  /** Packages the runtime code loads (type-only imports load nothing). */
  const loaded = new Set<string>();
  for (const file of runtimeFiles) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/(?:^import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?|require\(\s*|import\(\s*)['"]((?:@[^/'"]+\/)?[^/'"]+)/gm))
      if (!m[1].startsWith('.') && !m[1].startsWith('@scamintel/') && !m[1].startsWith('node:') && !builtinModules.includes(m[1]))
        loaded.add(m[1]);
  }
  /** Declared for the runtime but loaded by another package, not by our code. */
  const PEERS: Record<string, string> = {
    rxjs: 'peer dependency of @nestjs/common and @nestjs/core',
    pg: 'the PostgreSQL driver TypeORM loads by name (our code imports only its types)',
  };

  it('declares as runtime dependencies exactly what the runtime code loads (plus peers)', () => {
    const unused = Object.keys(pkg.dependencies).filter((d) => !loaded.has(d) && !PEERS[d]);
    const undeclared = [...loaded].filter((d) => !pkg.dependencies[d]);
    expect({ unused, undeclared }).toEqual({ unused: [], undeclared: [] });
  });

  it('keeps test and build tools out of the runtime dependencies', () => {
    expect(Object.keys(pkg.dependencies).filter((d) => pkg.devDependencies[d])).toEqual([]);
    for (const tool of ['canonicalize', 'ajv', 'jest', 'playwright-core', 'yaml'])
      expect([tool, !!pkg.dependencies[tool]]).toEqual([tool, false]);
  });

  it('groups the data packages whose staleness makes answers wrong in one Renovate rule', () => {
    const renovate = JSON.parse(readFileSync(path.join(ROOT, 'renovate.json'), 'utf8')) as {
      packageRules: { matchPackageNames?: string[]; groupName?: string }[];
    };
    const data = ['libphonenumber-js', 'tldts', 'tr46'];
    const rule = renovate.packageRules.find((r) => data.every((d) => r.matchPackageNames?.includes(d)));
    expect(rule?.groupName).toBeDefined();
    for (const d of data) expect([d, !!pkg.dependencies[d]]).toEqual([d, true]);
  });

  it('holds no PostgreSQL session state, so PgBouncer in transaction mode can sit in front (docs/scaling.md)', () => {
    // Migrations connect to PostgreSQL directly (one session, `npm run db:migrate`); everything else may go through a pooler.
    const FORBIDDEN: [RegExp, string][] = [
      [/\bLISTEN\b|\bUNLISTEN\b|\bNOTIFY\b|pg_notify/, 'LISTEN/NOTIFY needs one session'],
      [/pg_(try_)?advisory_lock(_shared)?\s*\(/, 'session advisory locks (use pg_advisory_xact_lock)'],
      [/['"`]\s*SET\s+(SESSION\s+)?[a-z_][a-z_.]*\s*(=|TO\b)/, 'session SET (use SET LOCAL or SET TRANSACTION)'],
      // ON COMMIT DROP keeps a temporary table inside its transaction, which a transaction-mode pooler allows.
      [
        /\bTEMP(ORARY)?\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(?!IF\b)\w+\b(?!\s+ON\s+COMMIT\s+DROP\b)/i,
        'temporary tables outside ON COMMIT DROP live in the session',
      ],
      [/\bWITH\s+HOLD\b/i, 'holdable cursors outlive the transaction'],
      [/\bPREPARE\s+\w+\s+(AS|\()|\bname:\s*['"`][\w-]+['"`],\s*text:/, 'named prepared statements'],
    ];
    const found = runtimeFiles
      .filter((f) => !f.includes('/migrations/'))
      .flatMap((f) => {
        const text = readFileSync(path.join(ROOT, f), 'utf8');
        return FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => `${f}: ${why}`);
      });
    expect(found).toEqual([]);
  });
});
