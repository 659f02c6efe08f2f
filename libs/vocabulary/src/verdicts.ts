/** A verdict about an indicator in one jurisdiction (CONTRACT §7). */
export const VERDICTS = ['scam', 'suspicious', 'unknown', 'legitimate'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const isVerdict = (v: unknown): v is Verdict => (VERDICTS as readonly unknown[]).includes(v);
