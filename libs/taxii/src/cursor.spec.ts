import { CursorState, decodeCursor, encodeCursor } from './cursor';

const FP = 'a'.repeat(64);
const AT = '2026-11-20 02:15:00.123456+00';

describe('TAXII next cursor', () => {
  it.each<CursorState['position']>([
    { phase: 'fixed', index: 3 },
    { phase: 'rows', after: null },
    { phase: 'rows', after: { at: '2026-11-20T02:15:00.000001Z', fingerprint: '' } },
    {
      phase: 'rows',
      after: { at: AT, fingerprint: FP },
      partial: { at: '2026-11-20 02:15:01.5+00', fingerprint: 'b'.repeat(64), delivered: 2 },
    },
  ])('round-trips %p', (position) => {
    const text = encodeCursor({ collection: 'c1', filters: 'f1', position });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'c1', 'f1')).toEqual(position);
  });

  it('is refused for another collection or other filters', () => {
    const text = encodeCursor({ collection: 'c1', filters: 'f1', position: { phase: 'fixed', index: 1 } });
    expect(() => decodeCursor(text, 'c2', 'f1')).toThrow(/another collection/);
    expect(() => decodeCursor(text, 'c1', 'f2')).toThrow(/another collection/);
  });

  it.each([
    'not a cursor',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('[1,"c1","f1","r","yesterday","' + FP + '"]').toString('base64url'),
    Buffer.from(`[1,"c1","f1","r","${AT}","zz"]`).toString('base64url'),
    Buffer.from(`[1,"c1","f1","r",null,null,"${AT}","${FP}",0]`).toString('base64url'),
    Buffer.from('[1,"c1","f1","f",-1]').toString('base64url'),
  ])('rejects %p with a 400', (text) => {
    expect(() => decodeCursor(text, 'c1', 'f1')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
