/**
 * Writes or checks docs/openapi.json from the BUILT application (the @nestjs/swagger CLI plugin adds the DTO
 * schemas at build time; the Jest/swc path has no plugin). Creates the API module in preview mode: nothing is
 * instantiated, so no PostgreSQL or Redis is needed.
 *
 *   node dist/scripts/openapi.js write   regenerate docs/openapi.json
 *   node dist/scripts/openapi.js check   exit 1 with a summary when the code and the committed spec differ
 *   … --file <path>                      another file than docs/openapi.json
 *
 * (npm run openapi:write / openapi:check build first.)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '@scamintel/config';
import { buildOpenApiDocument, diffDocuments, documentationGaps, stableStringify } from '@scamintel/openapi';
import { ApiModule } from '../apps/api/src/api.module';

/** The repository root: the nearest directory up from here that holds package.json (works from dist/ too). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

export async function currentDocument(): Promise<Record<string, unknown>> {
  // Defaults only: the document must not depend on who runs the script (METRICS_PUBLIC is documented in prose).
  const config = loadConfig({});
  const app = await NestFactory.create(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
  } finally {
    await app.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const [mode, ...rest] = process.argv.slice(2);
  const fileFlag = rest.indexOf('--file');
  if ((mode !== 'write' && mode !== 'check') || (rest.length && (fileFlag !== 0 || rest.length !== 2))) {
    process.stderr.write('usage: node dist/scripts/openapi.js write|check [--file <path>]\n');
    return 2;
  }
  if (!__filename.includes(`${path.sep}dist${path.sep}`)) {
    process.stderr.write('run the built script (dist/scripts/openapi.js): DTO schemas come from the build-time swagger plugin\n');
    return 2;
  }
  const file = fileFlag === 0 ? path.resolve(rest[1]) : path.join(repoRoot(), 'docs', 'openapi.json');
  const doc = await currentDocument();
  const gaps = documentationGaps(doc as never);
  for (const op of gaps)
    process.stderr.write(
      `${mode === 'check' ? 'error' : 'warning'}: ${op}: decorate its controller method (@ApiOperation, @ApiOkResponse …)\n`,
    );
  const text = stableStringify(doc);
  if (mode === 'write') {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${Object.keys(doc.paths as object).length} paths)\n`);
    return 0;
  }
  if (!existsSync(file)) {
    process.stderr.write(`${file} does not exist; run npm run openapi:write\n`);
    return 1;
  }
  const committed = JSON.parse(readFileSync(file, 'utf8'));
  const lines = diffDocuments(committed, doc);
  if (gaps.length) {
    process.stderr.write(`${gaps.length} operation${gaps.length === 1 ? ' is' : 's are'} not documented enough\n`);
    return 1;
  }
  if (!lines.length && stableStringify(committed) === text) {
    process.stdout.write('docs/openapi.json matches the code\n');
    return 0;
  }
  process.stderr.write(`docs/openapi.json is out of date (${lines.length} difference${lines.length === 1 ? '' : 's'}):\n`);
  for (const l of lines) process.stderr.write(`  ${l}\n`);
  process.stderr.write('run npm run openapi:write and commit docs/openapi.json\n');
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`openapi: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
