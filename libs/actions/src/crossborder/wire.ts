import { isActionKind, isActionState, isIndicatorType, type ActionKind, type ActionState, type IndicatorType } from '@scamintel/vocabulary';

/** A request as it travels to the partner (`POST /v1/exchange/requests`): the requesting node's action. */
export interface RequestWire {
  id: string;
  kind: ActionKind;
  type: IndicatorType;
  value: string;
  fingerprint: string;
  reason: string;
  caseRef: string | null;
  expiresInDays: number | null;
  requestedAt: string;
}

/** A state as it travels back (`POST /v1/exchange/requests/:id/status`). */
export interface StatusWire {
  state: ActionState;
  version: number;
  at: string;
  note: string | null;
  assigned: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Problems = { path: string; message: string }[];

const str = (o: Record<string, unknown>, k: string, max: number, problems: Problems, nullable = false) => {
  const v = o[k];
  if (nullable && (v === null || v === undefined)) return null;
  if (typeof v !== 'string' || !v.length || v.length > max) problems.push({ path: k, message: `a string of 1–${max} characters` });
  return v as string;
};

function object(raw: unknown, problems: Problems, fields: string[]): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ path: '', message: 'a JSON object' });
    return {};
  }
  for (const k of Object.keys(raw)) if (!fields.includes(k)) problems.push({ path: k, message: 'unknown field' });
  return raw as Record<string, unknown>;
}

export function parseRequest(raw: unknown): { request: RequestWire; problems: Problems } {
  const problems: Problems = [];
  const o = object(raw, problems, ['id', 'kind', 'type', 'value', 'fingerprint', 'reason', 'caseRef', 'expiresInDays', 'requestedAt']);
  if (typeof o.id !== 'string' || !UUID.test(o.id)) problems.push({ path: 'id', message: 'a lower-case UUID' });
  if (!isActionKind(o.kind)) problems.push({ path: 'kind', message: 'an action kind' });
  if (!isIndicatorType(o.type)) problems.push({ path: 'type', message: 'an indicator type' });
  str(o, 'value', 2048, problems);
  if (typeof o.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(o.fingerprint))
    problems.push({ path: 'fingerprint', message: '64 hex digits' });
  str(o, 'reason', 2000, problems);
  str(o, 'caseRef', 200, problems, true);
  const days = o.expiresInDays ?? null;
  if (days !== null && (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 365))
    problems.push({ path: 'expiresInDays', message: 'null or 1–365' });
  if (typeof o.requestedAt !== 'string' || Number.isNaN(Date.parse(o.requestedAt)))
    problems.push({ path: 'requestedAt', message: 'ISO 8601' });
  return {
    request: { ...(o as unknown as RequestWire), caseRef: (o.caseRef as string) ?? null, expiresInDays: days as number | null },
    problems,
  };
}

export function parseStatus(raw: unknown): { status: StatusWire; problems: Problems } {
  const problems: Problems = [];
  const o = object(raw, problems, ['state', 'version', 'at', 'note', 'assigned']);
  if (!isActionState(o.state)) problems.push({ path: 'state', message: 'an action state' });
  if (!Number.isInteger(o.version) || (o.version as number) < 1) problems.push({ path: 'version', message: 'an integer ≥ 1' });
  if (typeof o.at !== 'string' || Number.isNaN(Date.parse(o.at))) problems.push({ path: 'at', message: 'ISO 8601' });
  str(o, 'note', 2000, problems, true);
  if (typeof o.assigned !== 'boolean') problems.push({ path: 'assigned', message: 'true or false' });
  return { status: { ...(o as unknown as StatusWire), note: (o.note as string) ?? null }, problems };
}
