/** Traffic Light Protocol 2.0 levels, least restrictive first: the index is the rank stored as `tlp_rank`. */
export const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLPS)[number];

export const TLP_RANK: Readonly<Record<Tlp, number>> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

export const tlpRank = (tlp: Tlp): number => TLPS.indexOf(tlp);
export const isTlp = (v: unknown): v is Tlp => (TLPS as readonly unknown[]).includes(v);

/** Whether data marked `tlp` may go to someone cleared up to `maxTlp`. */
export const tlpAllowed = (tlp: Tlp, maxTlp: Tlp): boolean => tlpRank(tlp) <= tlpRank(maxTlp);

/** The levels that may ever leave a node (a partner's `maxTlp`): red and amber+strict never do. */
export const SHAREABLE_TLPS: readonly Tlp[] = ['clear', 'green', 'amber'];

/** The TLP of a stored rank; an unknown rank is treated as the most restrictive. */
export const tlpOfRank = (rank: number): Tlp => TLPS[rank] ?? 'red';
