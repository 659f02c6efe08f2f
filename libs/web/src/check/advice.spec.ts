import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webAssetsDir } from '../paths';
import { adviceFor, loadAdvice } from './advice';

const data = loadAdvice(join(webAssetsDir(), 'advice.json'));

describe('what to do, per jurisdiction and scam type', () => {
  it('SG: ScamShield 1799, 999 and the bank line, each with its source', () => {
    const a = adviceFor(data, 'SG', [])!;
    expect(a.contacts.map((c) => [c.call, c.source])).toEqual([
      ['1799', 'https://www.scamshield.gov.sg/'],
      ['999', 'https://www.police.gov.sg/'],
      [undefined, 'https://www.abs.org.sg/'],
    ]);
  });

  it('KR: 112, 1332 and the bank payment stop (지급정지)', () => {
    const a = adviceFor(data, 'KR', [])!;
    expect(a.contacts.map((c) => c.call)).toEqual(['112', '1332', undefined]);
    expect(a.steps).toContain('paymentStop');
  });

  it("puts the scam types' own steps after the first, most reported type first, each once", () => {
    expect(adviceFor(data, 'SG', ['job', 'phishing', 'job'])!.steps).toEqual([
      'stop',
      'job',
      'phishing',
      'neverShare',
      'noTransfer',
      'callBankIfPaid',
      'report',
    ]);
    expect(adviceFor(data, 'SG', ['other'])!.steps[1]).toBe('neverShare');
  });

  it('has nothing to say for a jurisdiction it has no data for, and refuses a contact without an https source', () => {
    expect(adviceFor(data, 'FR', ['job'])).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'advice-'));
    const file = join(dir, 'advice.json');
    writeFileSync(
      file,
      JSON.stringify({ jurisdictions: { XX: { contacts: [{ id: 'x', label: 'l', source: 'http://x' }], steps: [], byScamType: {} } } }),
    );
    expect(() => loadAdvice(file)).toThrow('https source');
  });
});
