import { Readable } from 'node:stream';
import { ImportFileError, SourceRow, csvRows, readHeader } from './csv-source';

async function rows(text: string): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of csvRows(Readable.from([text]))) out.push(r);
  return out;
}

describe('csvRows', () => {
  it('maps columns by header name in any order, with line numbers of the file (header = line 1)', async () => {
    const text =
      'indicator_value,scam_type,occurred_at,channel,external_ref\n' +
      '+6591234567,phishing,2026-11-20T10:00:00Z,sms,"a, quoted\nmulti-line ref"\n' +
      '\n' +
      'x@y.top,job,2026-11-21T10:00:00Z,email,\n';
    expect(await rows(text)).toEqual([
      {
        line: 2,
        fields: {
          indicatorValue: '+6591234567',
          scamType: 'phishing',
          occurredAt: '2026-11-20T10:00:00Z',
          channel: 'sms',
          externalRef: 'a, quoted\nmulti-line ref',
        },
      },
      { line: 5, fields: { indicatorValue: 'x@y.top', scamType: 'job', occurredAt: '2026-11-21T10:00:00Z', channel: 'email' } },
    ]);
  });

  it('turns a stray quote or a wrong field count into one error row and reads on', async () => {
    const text =
      'occurred_at,scam_type,channel,indicator_value\n2026-11-20T10:00:00Z,phishing,sms,"ab"c\n2026-11-20T10:00:00Z,phishing\n2026-11-20T10:00:00Z,job,sms,+6591234567\n';
    const r = await rows(text);
    expect(r[0]).toEqual({ line: 2, fields: expect.objectContaining({ indicatorValue: '"ab"c' }) });
    expect(r[1]).toEqual({ line: 3, error: 'expected 4 fields (as in the header), got 2' });
    expect(r[2]).toEqual({ line: 4, fields: expect.objectContaining({ scamType: 'job' }) });
  });

  it('refuses unknown, duplicate and missing columns before reading any row', () => {
    expect(() => readHeader(['occurred_at', 'scam_type', 'channel', 'indicator_value', 'victim'])).toThrow(ImportFileError);
    expect(() => readHeader(['occurred_at', 'scam_type', 'channel', 'indicator_value', 'channel'])).toThrow('appears twice');
    expect(() => readHeader(['occurred_at', 'scam_type', 'channel'])).toThrow('missing column indicator_value');
    expect(readHeader([' Occurred_At', 'SCAM_TYPE', 'channel', 'indicator_value'])).toEqual([
      'occurredAt',
      'scamType',
      'channel',
      'indicatorValue',
    ]);
  });

  it('refuses an empty file', async () => {
    await expect(rows('')).rejects.toThrow('the file is empty');
  });
});
