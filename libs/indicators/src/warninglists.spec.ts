import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listWarninglists, normalize, reloadWarninglists, tryNormalize, warninglistHit, warninglistProblems } from './index';
import { type IndicatorType } from '@scamintel/vocabulary';

afterAll(() => reloadWarninglists());

describe('warninglist data files', () => {
  it('all load, with the required lists present', () => {
    expect(warninglistProblems()).toEqual([]);
    const names = listWarninglists().map((l) => l.list);
    expect(names).toEqual(
      expect.arrayContaining([
        'sg-official-hotlines',
        'sg-bank-hotlines',
        'kr-official-hotlines',
        'kr-bank-hotlines',
        'sg-official-domains',
        'sg-bank-domains',
        'kr-official-domains',
        'kr-bank-domains',
      ]),
    );
  });

  // The lists store canonical values; this is what keeps them canonical.
  const dir = path.join(__dirname, '../../../data/warninglists');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  const values: [string, IndicatorType, string][] = [];
  for (const f of files) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const v of doc.values) values.push([f, doc.type, typeof v === 'string' ? v : v.value]);
  }
  // Official short codes are no phone values (types/phone.ts); the lists key them "+<calling code><code>".
  it.each(values)('%s: %s value %s is canonical', (_file, type, value) => {
    const r = tryNormalize(value, { type });
    if (!r.ok && r.code === 'official_short_code') expect(warninglistHit(value)).toMatchObject({ shortCode: expect.any(Object) });
    else expect(r).toMatchObject({ ok: true, indicator: { value } });
  });
});

describe('warninglistHit', () => {
  it.each([
    ['1800-255-0000', 'SG', 'sg-official-hotlines'],
    ['1800 111 1111', 'SG', 'sg-bank-hotlines'],
    ['+65 1800 363 3333', 'KR', 'sg-bank-hotlines'],
    ['1588-9999', 'KR', 'kr-bank-hotlines'],
    ['1577-8000', 'KR', 'kr-bank-hotlines'],
    ['1661-3000', 'KR', 'kr-bank-hotlines'],
    ['gov.sg', 'SG', 'sg-official-domains'],
    ['www.police.gov.sg', 'SG', 'sg-official-domains'],
    ['anything.gov.sg', 'SG', 'sg-official-domains'],
    ['https://www.scamshield.gov.sg/report', 'SG', 'sg-official-domains'],
    ['internet-banking.dbs.com.sg', 'SG', 'sg-bank-domains'],
    ['https://www.dbs.com/sg', 'SG', 'sg-bank-domains'],
    ['www.police.go.kr', 'KR', 'kr-official-domains'],
    ['https://minwon.go.kr/', 'KR', 'kr-official-domains'],
    ['https://obank.kbstar.com/quics', 'KR', 'kr-bank-domains'],
    ['kakaobank.com', 'KR', 'kr-bank-domains'],
  ])('%s (%s) is on %s', (raw, region, list) => {
    const hit = warninglistHit(normalize(raw, { region }));
    expect(hit).toMatchObject({ list, version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(hit?.description.length).toBeGreaterThan(10);
  });

  // Short codes as a person types them: not phone values, but the raw form finds their list, with the region.
  it.each([
    ['999', 'SG', 'sg-official-hotlines', '999', 'SG'],
    ['995', 'SG', 'sg-official-hotlines', '995', 'SG'],
    ['1799', 'SG', 'sg-official-hotlines', '1799', 'SG'],
    ['tel:1799', 'SG', 'sg-official-hotlines', '1799', 'SG'],
    ['112', 'KR', 'kr-official-hotlines', '112', 'KR'],
    ['1-1-2', 'KR', 'kr-official-hotlines', '112', 'KR'],
    ['１３３２', 'KR', 'kr-official-hotlines', '1332', 'KR'],
    ['+65 999', 'KR', 'sg-official-hotlines', '999', 'SG'],
    ['+82 1332', 'SG', 'kr-official-hotlines', '1332', 'KR'],
  ])('short code %s (%s) is on %s', (raw, region, list, code, codeRegion) => {
    expect(tryNormalize(raw, { region })).toMatchObject({ ok: false, code: 'official_short_code' });
    expect(warninglistHit(raw, { region })).toMatchObject({ list, label: expect.any(String), shortCode: { code, region: codeRegion } });
  });

  it.each([
    ['112', 'SG'],
    ['999', 'KR'],
    ['1234', 'SG'],
    ['hello', 'SG'],
  ])('%s (%s) is no listed short code', (raw, region) => {
    expect(warninglistHit(raw, { region })).toBeNull();
  });

  it('a raw value that normalises is looked up as its indicator', () => {
    expect(warninglistHit('https://www.police.gov.sg/x')).toMatchObject({ list: 'sg-official-domains' });
    expect(warninglistHit('1800 255 0000')).toMatchObject({ list: 'sg-official-hotlines', label: 'Police hotline 1800-255-0000' });
  });

  it.each([
    ['dbs-secure.top', 'SG'],
    ['dbs.com.sg.evil.top', 'SG'],
    ['https://gov.sg.verify-now.top/', 'SG'],
    ['notgov.sg.example.com', 'SG'],
    ['mydbs.com', 'SG'],
    ['010-1234-5678', 'KR'],
    ['9123 4567', 'SG'],
    ['info@gov.sg', 'SG'],
  ])('%s (%s) is not', (raw, region) => {
    expect(warninglistHit(normalize(raw, { region }))).toBeNull();
  });

  it('reports bad files instead of throwing, and can reload', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wl-'));
    fs.writeFileSync(path.join(tmp, 'broken.json'), '{ nope');
    fs.writeFileSync(path.join(tmp, 'incomplete.json'), JSON.stringify({ name: 'x', type: 'phone', values: [] }));
    fs.writeFileSync(
      path.join(tmp, 'ok.json'),
      JSON.stringify({ name: 'test-ips', version: '1', description: 'public resolvers', type: 'ip', values: ['8.8.8.8'] }),
    );
    reloadWarninglists(tmp);
    expect(warninglistProblems()).toHaveLength(2);
    expect(listWarninglists().map((l) => l.list)).toEqual(['test-ips']);
    expect(warninglistHit(normalize('8.8.8.8'))).toMatchObject({ list: 'test-ips' });
    expect(warninglistHit('999')).toBeNull();
    reloadWarninglists();
    expect(warninglistHit('999')).toMatchObject({ list: 'sg-official-hotlines' });
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
