import { ACTION_KINDS, ActionKindSettings, ActionsSettings } from '@scamintel/vocabulary';

/** Reads config/actions.json (already parsed): every kind present with a positive SLA and a lifetime or null; nothing else. */
export function parseActionsSettings(raw: unknown): { settings: ActionsSettings; problems: string[] } {
  const problems: string[] = [];
  const kinds = (raw as { kinds?: unknown })?.kinds;
  const out = {} as Record<string, ActionKindSettings>;
  if (!kinds || typeof kinds !== 'object' || Array.isArray(kinds)) {
    problems.push('kinds: must be an object with one entry per action kind');
    return { settings: out as ActionsSettings, problems };
  }
  for (const k of Object.keys(kinds))
    if (!(ACTION_KINDS as readonly string[]).includes(k)) problems.push(`kinds.${k}: unknown action kind`);
  for (const kind of ACTION_KINDS) {
    const s = (kinds as Record<string, { ackMinutes?: unknown; lifetimeDays?: unknown }>)[kind];
    if (!s || typeof s !== 'object') {
      problems.push(`kinds.${kind}: missing`);
      continue;
    }
    const extra = Object.keys(s).filter((f) => f !== 'ackMinutes' && f !== 'lifetimeDays');
    if (extra.length) problems.push(`kinds.${kind}.${extra[0]}: unknown setting`);
    const ack = s.ackMinutes;
    if (typeof ack !== 'number' || !Number.isInteger(ack) || ack < 1 || ack > 525_600)
      problems.push(`kinds.${kind}.ackMinutes: must be an integer from 1 to 525600`);
    const life = s.lifetimeDays;
    if (life !== null && (typeof life !== 'number' || !Number.isInteger(life) || life < 1 || life > 3650))
      problems.push(`kinds.${kind}.lifetimeDays: must be null or an integer from 1 to 3650`);
    out[kind] = { ackMinutes: ack as number, lifetimeDays: life as number | null };
  }
  return { settings: out as ActionsSettings, problems };
}
