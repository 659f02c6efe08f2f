import { readFileSync } from 'node:fs';

/*
 * What to do, per jurisdiction and scam type: assets/advice.json. Numbers and sources are data; the words are
 * message keys (advice.contact.*, advice.step.*) so that each language says them in its own catalogue.
 */

export interface Contact {
  id: string;
  /** The number as people dial it (absent for "your bank's line", which differs by bank). */
  call?: string;
  /** The tel: form. */
  tel?: string;
  /** Message key of what the line is for. */
  label: string;
  /** Where this line is published. */
  source: string;
}

export interface AdviceData {
  jurisdictions: Record<string, { contacts: Contact[]; steps: string[]; byScamType: Record<string, string[]> }>;
}

export interface Advice {
  jurisdiction: string;
  contacts: Contact[];
  /** Message keys, the scam types' own steps first, then the jurisdiction's. */
  steps: string[];
}

export function loadAdvice(file: string): AdviceData {
  const data = JSON.parse(readFileSync(file, 'utf8')) as AdviceData;
  for (const [j, a] of Object.entries(data.jurisdictions ?? {})) {
    if (!Array.isArray(a.contacts) || !Array.isArray(a.steps) || typeof a.byScamType !== 'object')
      throw new TypeError(`advice.json: ${j} needs contacts, steps and byScamType`);
    for (const c of a.contacts)
      if (!c.id || !c.label || !/^https:\/\//.test(c.source))
        throw new TypeError(`advice.json: ${j} contact ${c.id} needs a label and an https source`);
  }
  return data;
}

/** Where in a jurisdiction's steps the steps of the scam types in play go. */
export const SCAM_TYPE_STEPS = '@scamType';

/** The advice of this node's jurisdiction for the scam types in play (most reported first); unknown jurisdictions get none. */
export function adviceFor(data: AdviceData, jurisdiction: string, scamTypes: readonly string[]): Advice | undefined {
  const a = data.jurisdictions[jurisdiction];
  if (!a) return undefined;
  const typed = scamTypes.flatMap((t) => a.byScamType[t] ?? []);
  const steps: string[] = [];
  for (const s of a.steps.includes(SCAM_TYPE_STEPS) ? a.steps : [SCAM_TYPE_STEPS, ...a.steps])
    for (const step of s === SCAM_TYPE_STEPS ? typed : [s]) if (!steps.includes(step)) steps.push(step);
  return { jurisdiction, contacts: a.contacts, steps };
}
