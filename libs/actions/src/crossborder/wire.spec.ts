import { parseRequest, parseStatus } from './wire';

const REQUEST = {
  id: '7f5b2a0e-3c41-4d7e-9a55-1f0c2b9e8d11',
  kind: 'freeze_account',
  type: 'bank_account',
  value: 'SG:7171:1234567890',
  fingerprint: 'a'.repeat(64),
  reason: 'mule account of case KR-2026-1',
  caseRef: 'KR-2026-1',
  expiresInDays: null,
  requestedAt: '2026-12-01T00:00:00.000Z',
};

describe('cross-border wire formats', () => {
  it('reads a request and a status', () => {
    expect(parseRequest(REQUEST)).toEqual({ request: REQUEST, problems: [] });
    expect(parseStatus({ state: 'done', version: 4, at: '2026-12-01T00:00:00Z', note: null, assigned: true }).problems).toEqual([]);
  });
  it('names every problem', () => {
    const bad = parseRequest({ ...REQUEST, id: 'x', kind: 'arrest', fingerprint: 'no', expiresInDays: 0, extra: 1 });
    expect(bad.problems.map((p) => p.path).sort()).toEqual(['expiresInDays', 'extra', 'fingerprint', 'id', 'kind']);
    expect(parseRequest([]).problems[0]).toEqual({ path: '', message: 'a JSON object' });
    expect(parseStatus({ state: 'frozen', version: 0, at: 'then', assigned: 'yes' }).problems.map((p) => p.path)).toEqual([
      'state',
      'version',
      'at',
      'assigned',
    ]);
  });
});
