import { call, waitFor } from './node';

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

/** Waits until every report of `ids` is processed, asking the API as an analyst would. */
export async function waitProcessed(api: string, analystKey: string, ids: string[]): Promise<void> {
  await waitFor(async () => {
    for (const id of ids) if ((await call(`${api}/v1/reports/${id}`, { key: analystKey })).body.status !== 'processed') return false;
    return true;
  });
}
