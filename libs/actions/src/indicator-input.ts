import { tryNormalize } from '@scamintel/indicators';
import { KIND_TYPES, type ActionKind, type IndicatorType, fingerprint as fingerprintOf } from '@scamintel/vocabulary';
import { ActionsError } from './actions-error';

export interface ActionIndicator {
  type: IndicatorType;
  value: string;
  fingerprint: string;
}

/**
 * The value an action is about, in canonical form and of a type its kind acts on. The value is read as typed
 * (detected); if that type does not fit the kind, each type the kind takes is tried in turn, so `+65 8123 4567`
 * is a phone and `DBS 123-456789-0` an account. A value of another type is a 422 `kind_mismatch`.
 */
export function actionIndicator(kind: ActionKind, value: string, region: string): ActionIndicator {
  const allowed = KIND_TYPES[kind];
  const detected = tryNormalize(value, { region });
  if (detected.ok && allowed.includes(detected.indicator.type)) return detected.indicator as ActionIndicator;
  for (const type of allowed) {
    const r = tryNormalize(value, { type, region });
    if (r.ok) return r.indicator as ActionIndicator;
  }
  if (!detected.ok)
    throw new ActionsError('not_an_indicator', `the value is no indicator: ${detected.reason}`, [
      { path: 'value', message: detected.reason },
    ]);
  const message = `${kind} acts on ${allowed.join(', ')}; the value is a ${detected.indicator.type}`;
  throw new ActionsError('kind_mismatch', message, [{ path: 'value', message }]);
}

/** A stored indicator named by fingerprint must also be of a type the kind acts on. */
export function checkKind(kind: ActionKind, ind: { type: string; value: string; fingerprint: string }): ActionIndicator {
  const allowed = KIND_TYPES[kind];
  if (!(allowed as readonly string[]).includes(ind.type)) {
    const message = `${kind} acts on ${allowed.join(', ')}; the indicator is a ${ind.type}`;
    throw new ActionsError('kind_mismatch', message, [{ path: 'fingerprint', message }]);
  }
  return ind as ActionIndicator;
}

/** What a partner sent must be self-consistent: its fingerprint is that of its type and value. */
export function sameFingerprint(type: IndicatorType, value: string, fp: string): boolean {
  return fingerprintOf(type, value) === fp;
}
