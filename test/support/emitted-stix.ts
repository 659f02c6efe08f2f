import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where e2e tests leave the STIX objects the nodes really emitted, for `npm run test:conformance` to validate. */
export const EMITTED_DIR = path.resolve(__dirname, '../../.jest/emitted-stix');

/**
 * Records objects captured from real traffic (exchange bodies, TAXII pages). Schema validation needs the OASIS
 * schemas in ../shared, which `npm test` must not depend on, so it happens in the conformance script that CI
 * runs after the tests, over these files.
 */
export function recordEmitted(source: string, objects: { type: string; id: string }[]): void {
  mkdirSync(EMITTED_DIR, { recursive: true });
  writeFileSync(path.join(EMITTED_DIR, `${source}.json`), JSON.stringify(objects));
}
