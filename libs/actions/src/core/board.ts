import type { ActionState } from '@scamintel/vocabulary';

/** The board's columns: open work first, in the order it moves; closed ones last. */
export const BOARD_ORDER: readonly ActionState[] = ['requested', 'acknowledged', 'done', 'declined', 'released', 'expired'];

export interface BoardItem {
  state: ActionState;
  overdue: boolean;
  ackDueAt: string | null;
  createdAt: string;
}

/**
 * Actions by state for the console (CONTRACT §13: "actions by state with overdue ones first"): within a state,
 * overdue ones first (the longest overdue first), then by acknowledgement deadline, then newest.
 */
export function board<T extends BoardItem>(items: T[]): { state: ActionState; items: T[] }[] {
  const due = (i: T) => (i.ackDueAt ? Date.parse(i.ackDueAt) : Number.POSITIVE_INFINITY);
  return BOARD_ORDER.map((state) => ({
    state,
    items: items
      .filter((i) => i.state === state)
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt)),
  }));
}
