/**
 * A batch body of `n` reports, each with one value shared by every report (`shared`) and one unique to it
 * (`<prefix>-<tag>-<i>.example.net`): afterwards the shared value's count must equal the number of reports stored,
 * and every unique value's count must be exactly 1.
 */
export function sharedAndUniqueBatch(n: number, tag: string, shared: string, prefix: string) {
  return {
    reports: Array.from({ length: n }, (_, i) => ({
      scamType: 'investment',
      channel: 'telegram',
      occurredAt: '2026-11-10T00:00:00Z',
      indicators: [
        { value: shared, type: 'domain' },
        { value: `${prefix}-${tag}-${i}.example.net`, type: 'domain' },
      ],
    })),
  };
}
