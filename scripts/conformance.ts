/**
 * Validates representative exchange bundles, object by object, against the OASIS STIX 2.1 JSON schemas
 * (CONTRACT §7: every emitted object validates). Run after `nest build` as `node dist/scripts/conformance.js`.
 * Schemas: ../shared/stix2-json-schemas next to the repository, or STIX_SCHEMAS_DIR.
 */
import fs from 'fs';
import path from 'path';
import { domainToASCII } from 'url';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parsePattern, sampleBundles, tlpMarkingDefinition, StixObject } from '@scamintel/exchange-core';
import { TLPS } from '@scamintel/vocabulary';

const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

function repoRoot(): string {
  // Works from scripts/ (ts-node) and from dist/scripts/ (compiled) alike.
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'scamintel') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no scamintel package.json above ${__dirname}`);
  }
}

function schemasDir(): string {
  const dir = process.env.STIX_SCHEMAS_DIR ?? path.resolve(repoRoot(), '../shared/stix2-json-schemas');
  return fs.existsSync(path.join(dir, 'schemas')) ? path.join(dir, 'schemas') : dir;
}

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
}

function loadAjv(dir: string): { ajv: Ajv2020; byType: Map<string, string> } {
  // The schemas keep draft-07 habits (`definitions`, sibling keywords), so strict mode is off; formats stay enforced.
  // Their patterns use escapes such as `\-` outside a class, legal in plain ECMAScript regexps but not with the
  // `u` flag ajv adds by default, so patterns are compiled without it.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no idn-hostname: an IDN host name is one whose ASCII (punycode) form is a valid host name.
  ajv.addFormat('idn-hostname', (s: string) => {
    const ascii = domainToASCII(s);
    return ascii !== '' && (fullFormats.hostname as RegExp).test(ascii);
  });
  const byType = new Map<string, string>();
  for (const file of jsonFiles(dir)) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    ajv.addSchema(schema);
    const rel = path.relative(dir, file).split(path.sep).join('/');
    if (/^(sdos|sros|observables)\//.test(rel) || rel === 'common/marking-definition.json' || rel === 'common/extension-definition.json') {
      byType.set(path.basename(file, '.json'), schema.$id);
    }
  }
  return { ajv, byType };
}

/** STIX 2.1 rules the schemas cannot express, for the properties we emit. */
function specProblems(o: StixObject, ids: Set<string>): string[] {
  const out: string[] = [];
  if (o.created && o.modified && o.modified < o.created) out.push('modified before created');
  if (o.type === 'indicator') {
    try {
      parsePattern(String(o.pattern));
    } catch (e) {
      out.push(`pattern: ${(e as Error).message}`);
    }
  }
  if (o.type === 'sighting' && typeof o.first_seen === 'string' && typeof o.last_seen === 'string' && o.last_seen < o.first_seen)
    out.push('last_seen before first_seen');
  for (const [k, v] of Object.entries(o)) {
    const refs = k.endsWith('_ref') ? [v] : k.endsWith('_refs') && Array.isArray(v) ? v : [];
    for (const r of refs) if (typeof r === 'string' && !ids.has(r)) out.push(`${k} ${r} not in bundle`);
  }
  for (const ext of Object.keys(o.extensions ?? {})) {
    if (ext.startsWith('extension-definition--') && !ids.has(ext) && o.type !== 'marking-definition')
      out.push(`extension ${ext} not defined in bundle`);
  }
  return out;
}

function main(): number {
  const dir = schemasDir();
  const { ajv, byType } = loadAjv(dir);
  const bundleSchema = ajv.getSchema(`${SCHEMA_BASE}common/bundle.json`) as ValidateFunction;
  const counts = new Map<string, { valid: number; invalid: number }>();
  const failures: string[] = [];
  const tally = (type: string, why: string[], where: string) => {
    const c = counts.get(type) ?? { valid: 0, invalid: 0 };
    c[why.length ? 'invalid' : 'valid']++;
    counts.set(type, c);
    if (why.length) failures.push(`${where}: ${why.slice(0, 8).join('; ')}${why.length > 8 ? ` (+${why.length - 8} more)` : ''}`);
  };
  const check = (v: ValidateFunction, data: unknown) =>
    v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);

  const tlpBundle = {
    type: 'bundle' as const,
    id: 'bundle--6f1c9e0a-3b7e-4c55-9d2a-0e8b1f4c7a21',
    objects: TLPS.map(tlpMarkingDefinition),
  };
  for (const { name, bundle } of [...sampleBundles(), { name: 'TLP 2.0 marking definitions', bundle: tlpBundle }]) {
    const ids = new Set(bundle.objects.map((o) => o.id));
    for (const o of bundle.objects) {
      // A specified type (extension-definition and marking-definition included) against its own schema; a custom
      // object as bundle.json admits custom objects, i.e. alone in a bundle, where it must meet core or observable-core.
      const schemaId = byType.get(o.type);
      const why = schemaId ? check(ajv.getSchema(schemaId)!, o) : check(bundleSchema, { type: 'bundle', id: bundle.id, objects: [o] });
      if (bundle !== tlpBundle) why.push(...specProblems(o, ids));
      tally(o.type, why, `"${name}" ${o.id}`);
    }
    // The envelope too, without the extension definitions: bundle.json at the pinned commit lists no
    // extension-definition schema and its custom branch rejects every SDO-shaped object (see to-bundle.ts).
    tally(
      'bundle',
      check(bundleSchema, { ...bundle, objects: bundle.objects.filter((o) => o.type !== 'extension-definition') }),
      `bundle "${name}"`,
    );
  }

  // Objects the e2e tests captured from real traffic (exchange bodies, TAXII pages): `npm test` runs first in CI.
  const emittedDir = path.join(repoRoot(), '.jest/emitted-stix');
  const emitted = fs.existsSync(emittedDir)
    ? fs
        .readdirSync(emittedDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const file of emitted) {
    const objects = JSON.parse(fs.readFileSync(path.join(emittedDir, file), 'utf8')) as StixObject[];
    for (const o of objects) {
      const schemaId = byType.get(o.type);
      tally(
        o.type,
        schemaId ? check(ajv.getSchema(schemaId)!, o) : check(bundleSchema, { type: 'bundle', id: tlpBundle.id, objects: [o] }),
        `emitted (${file}) ${o.id}`,
      );
    }
    console.log(`  checked ${objects.length} objects emitted in the e2e tests (${file})`);
  }
  if (!emitted.length) console.log('  no objects captured from e2e traffic (run npm test first); checked the samples only');

  console.log(`STIX schemas: ${dir}`);
  for (const [type, c] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
    console.log(`  ${type.padEnd(24)} ${c.valid} valid, ${c.invalid} invalid`);
  console.log(
    '  note: bundles are checked against common/bundle.json without their extension-definition objects, which that schema cannot admit; each extension-definition is checked against common/extension-definition.json',
  );
  for (const f of failures) console.log(`  INVALID ${f}`);
  const valid = [...counts.values()].reduce((n, c) => n + c.valid, 0);
  const invalid = [...counts.values()].reduce((n, c) => n + c.invalid, 0);
  console.log(`conformance: ${valid} objects valid, ${invalid} invalid`);
  return invalid ? 1 : 0;
}

process.exitCode = main();
