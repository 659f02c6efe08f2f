import { Metadata } from 'libphonenumber-js/core';
import type { CountryCode, NumberType } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

/*
 * The fast path of phone parsing: libphonenumber's own metadata (max set), its regular expressions compiled once per
 * country instead of on every call, and no intermediate objects. It covers the plain cases that make up almost every
 * value — national digits in the region ("01012345678" in KR, "91234567" in SG) and "+<calling code><digits>" — and
 * answers only when the number is valid; everything else (IDD prefixes, carrier codes, national-prefix transform
 * rules, calling codes shared by several countries, invalid numbers) returns null and goes through libphonenumber's
 * parser, which gives the failure its reason. It follows libphonenumber-js's steps (extractCountryCallingCode,
 * extractNationalNumber, getNumberType) and bails out wherever they would branch; phone-plan.spec.ts checks that it
 * gives libphonenumber's answer on generated numbers of many countries.
 */

interface TypePlan {
  type: NumberType;
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

interface Plan {
  country: CountryCode;
  callingCode: string;
  idd: RegExp | null;
  nationalPrefixForParsing: RegExp | null;
  national: RegExp;
  lengths: readonly number[] | undefined;
  fixedLine: TypePlan | null;
  mobile: TypePlan | null;
  mobileEmpty: boolean;
  others: TypePlan[];
}

export interface FastPhone {
  e164: string;
  country: string;
  type: string;
}

// The runtime API of libphonenumber-js's Metadata class, wider than its published typings.
interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface PlanDefinition {
  callingCode(): string;
  IDDPrefix(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  type(type: NumberType): TypeDefinition | undefined;
}
interface MetadataApi {
  hasCountry(country: string): boolean;
  hasTypes(): boolean;
  selectNumberingPlan(country: string): void;
  numberingPlan: PlanDefinition;
}

const OTHER_TYPES: NumberType[] = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];
const meta = new Metadata(metadata) as unknown as MetadataApi;
const callingCodes = (metadata as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes;
const plans = new Map<string, Plan | null>();

const entire = (source: string) => new RegExp('^(?:' + source + ')$');

function typePlan(type: NumberType): TypePlan | null {
  const t = meta.numberingPlan.type(type);
  if (!t || !t.pattern()) return null;
  return { type, pattern: entire(t.pattern()), lengths: t.possibleLengths() };
}

function planOf(country: string): Plan | null {
  let plan = plans.get(country);
  if (plan !== undefined) return plan;
  plan = null;
  if (meta.hasCountry(country)) {
    meta.selectNumberingPlan(country);
    const np = meta.numberingPlan;
    const mobile = np.type('MOBILE');
    // Only countries whose numbers carry types (validity is "has a type") and that have a calling code of their own
    // (+358 is FI and AX: libphonenumber picks one by the number); the others keep libphonenumber's path.
    if (meta.hasTypes() && !np.nationalPrefixTransformRule() && callingCodes[np.callingCode()]?.length === 1) {
      plan = {
        country: country as CountryCode,
        callingCode: np.callingCode(),
        idd: np.IDDPrefix() ? new RegExp('^(?:' + np.IDDPrefix() + ')') : null,
        nationalPrefixForParsing: np.nationalPrefixForParsing() ? new RegExp('^(?:' + np.nationalPrefixForParsing() + ')') : null,
        national: entire(np.nationalNumberPattern()),
        lengths: np.possibleLengths(),
        fixedLine: typePlan('FIXED_LINE'),
        mobile: typePlan('MOBILE'),
        mobileEmpty: mobile !== undefined && mobile.pattern() === '',
        others: OTHER_TYPES.map(typePlan).filter((t): t is TypePlan => t !== null),
      };
    }
  }
  plans.set(country, plan);
  return plan;
}

// isPossibleIncompleteNationalNumber: false only for TOO_SHORT and INVALID_LENGTH.
function possibleIncomplete(plan: Plan, nsn: string): boolean {
  const l = plan.lengths;
  if (l === undefined || l.length === 0) return true;
  const n = nsn.length;
  if (n === l[0]) return true;
  if (n < l[0]) return false;
  if (n > l[l.length - 1]) return true;
  return l.indexOf(n, 1) >= 0;
}

function isType(t: TypePlan | null, nsn: string): boolean {
  return t !== null && (t.lengths === undefined || t.lengths.indexOf(nsn.length) >= 0) && t.pattern.test(nsn);
}

// getNumberType, with the order of its checks.
function numberType(plan: Plan, nsn: string): string | undefined {
  if (!plan.national.test(nsn)) return undefined;
  if (isType(plan.fixedLine, nsn)) {
    if (plan.mobileEmpty || plan.mobile === null || isType(plan.mobile, nsn)) return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  for (const t of plan.others) if (isType(t, nsn)) return t.type;
  return undefined;
}

/** Whether the region's numbers can take the fast path at all. */
export function hasFastPlan(region: string): boolean {
  return planOf(region) !== null;
}

/**
 * The valid number that `digits` (with a "+" before them when `plus`) are in `region`; or, when libphonenumber's steps
 * were followed to the end and no type matched, why it is no valid number (in libphonenumber's words); or null to ask
 * libphonenumber.
 */
export function fastPhone(digits: string, plus: boolean, region: string): FastPhone | string | null {
  let plan: Plan | null;
  let rest: string;
  if (plus) {
    if (digits.charCodeAt(0) === 0x30) return null;
    let cc = '';
    for (let i = 1; i <= 3 && i <= digits.length; i++) {
      if (callingCodes[digits.slice(0, i)] !== undefined) {
        cc = digits.slice(0, i);
        break;
      }
    }
    const countries = cc ? callingCodes[cc] : undefined;
    if (countries === undefined || countries[0] === '001') return null;
    plan = planOf(countries[0]);
    rest = digits.slice(cc.length);
  } else {
    plan = planOf(region);
    // A number that starts with the region's IDD prefix or its calling code takes libphonenumber's other branches.
    if (plan === null || digits.startsWith(plan.callingCode) || (plan.idd !== null && plan.idd.test(digits))) return null;
    rest = digits;
  }
  if (plan === null) return null;
  let nsn = rest;
  if (plan.nationalPrefixForParsing !== null) {
    const m = plan.nationalPrefixForParsing.exec(rest);
    if (m !== null) {
      if (m.length > 1 && m[m.length - 1]) return null; // a carrier code or other captured group
      const stripped = rest.slice(m[0].length);
      // extractNationalNumber keeps the prefix when only the number with it is national, or when the rest has a
      // length no number of the country has.
      if (stripped !== rest && !(plan.national.test(rest) && !plan.national.test(stripped)) && possibleIncomplete(plan, stripped))
        nsn = stripped;
    }
  }
  if (nsn.length < 2 || nsn.length > 17) return null;
  const e164 = '+' + plan.callingCode + nsn;
  const type = numberType(plan, nsn);
  return type === undefined ? `${e164} is not a valid number for ${plan.country}` : { e164, country: plan.country, type };
}
