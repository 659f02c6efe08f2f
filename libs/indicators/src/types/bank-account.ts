import { countrySpecs, electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { Failure, fail } from '../errors';
import type { IndicatorErrorCode } from '../errors';
import bankData from '../data/banks.json';
import { nationalGroupsOf, regionSupported } from './phone';

/*
 * Bank accounts: "<CC>:<bank code>:<digits>" (KR:004:12345678901234, SG:7171:123456789),
 * "<CC>::<digits>" when the bank is not known (CC = the bank's country, else opts.region),
 * and "IBAN:<compact upper-case IBAN>" after the ISO 13616 mod-97 check (ibantools).
 *
 * Separators inside account numbers carry no meaning (banks print 123-456-789012 and
 * 123456-78-901234 for the same kind of account), so only the digits are kept. Leading
 * zeros are significant and kept.
 *
 * What is NOT an account, whatever the caller says: a value that starts with two capital letters and digits
 * ("ZZ12 3456 7890") names a country: an IBAN country's value must be a valid IBAN (mod-97 and length), KR/SG
 * read as that country, any other code is refused; a canonical "<CC>:…" needs a real country code; and text
 * around the digits must be a bank's name or account words ("Foo Savings 1234567890" is an unknown bank,
 * "lorem ipsum 12345678" is not) — never re-read as an account of the node's own country.
 */

interface Bank {
  country: string;
  code: string | null;
  name: string;
}
interface BankFile {
  countries: Record<string, { accountDigits: [number, number]; banks: { code: string | null; name: string; aliases: string[] }[] }>;
}

const data = bankData as unknown as BankFile;
const BY_ALIAS = new Map<string, Bank[]>();
const BY_CODE = new Map<string, Bank>();
const DIGIT_RANGE = new Map<string, [number, number]>();
const aliasSources: string[] = [];

const aliasKey = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const [country, c] of Object.entries(data.countries)) {
  DIGIT_RANGE.set(country, c.accountDigits);
  for (const b of c.banks) {
    const bank: Bank = { country, code: b.code, name: b.name };
    if (b.code) BY_CODE.set(country + ':' + b.code, bank);
    for (const alias of b.aliases) {
      const key = aliasKey(alias);
      const list = BY_ALIAS.get(key) ?? [];
      list.push(bank);
      BY_ALIAS.set(key, list);
      aliasSources.push(alias);
    }
  }
}

// Longest first so that "KB국민은행" wins over "KB" and "국민".
const uniqueAliases = [...new Set(aliasSources)].sort((a, b) => b.length - a.length);
/** Regex source matching any bank alias (ASCII aliases may not touch other ASCII letters). */
export const BANK_ALIAS_SOURCE =
  '(?<![A-Za-z])(?:' + uniqueAliases.map((a) => escapeRe(a).replace(/(?:\\-|\s)+/g, '[\\s-]*')).join('|') + ')(?![A-Za-z])(?:\\s*은행)?';
const ALIAS_RE = new RegExp(BANK_ALIAS_SOURCE, 'i');
/*
 * One value is searched for a bank's name up to three times in a row (detection, the phone-after-bank-name rule, the
 * account itself), each a scan with the alternation of every alias: the last answer is kept for the same string.
 * Callers only read the match.
 */
let aliasInput: string | null = null;
let aliasMatch: RegExpExecArray | null = null;
function findAlias(s: string): RegExpExecArray | null {
  if (s !== aliasInput) {
    aliasMatch = ALIAS_RE.exec(s);
    aliasInput = s;
  }
  return aliasMatch;
}
// Words people put around an account number; they carry no identity.
const LABEL_WORDS = /\b(?:bank|acct|account|a\/c|no|number|num)\b\.?|계좌번호|계좌|번호|은행|입금|송금|예금주|[:：,.#()]/gi;

const CANONICAL = /^([A-Z]{2}):([0-9]{0,8}):([0-9]{4,34})$/;
const COUNTRY_PREFIX = /^([A-Z]{2})(?=[\s:-]*[0-9])/;
// Words in the name of an institution that holds accounts; anything else around the digits is not a bank.
const BANK_WORDS = /bank|savings|credit|union|trust|financ|capital|co-?op|building society|은행|뱅크|금고|저축|신협|수협|농협|증권|캐피탈/i;
const IBAN_PREFIX = /^IBAN[\s:]*/i;
const IBAN_SHAPE = /^[A-Za-z]{2}[0-9]{2}(?:[\s-]?[A-Za-z0-9]){11,32}$/;
const DIGIT_GROUPS = /[0-9](?:[0-9]|[\s-](?=[0-9]))*/g;
// At module level: a literal inside a function is a new RegExp object on every call.
const SEPARATOR = /[\s-]/g;
const SPACES = /\s+/g;
const BANK_SUFFIX = /\s*은행$/;

export interface BankResult {
  value: string;
  attributes: { country: string; bankCode?: string; bankName?: string; bankNameAsWritten?: string };
}

/*
 * A bank's name followed by a phone number ("DBS 1800 111 1111", "국민은행 010-1234-5678") is far more often the bank's
 * hotline, or a scammer posing as it, than an account: the precedence rule is that digits after a bank name are a
 * phone when no account word (account, acct, a/c, 계좌) says otherwise, they are a valid number in the region, and they
 * are written ungrouped or grouped as the region writes that number (1800 111 1111, 010-1234-5678, 9123 4567). An
 * account word, or a grouping no phone has (UOB 800-123-456-7), keeps the account reading.
 */
const ACCOUNT_WORD = /계좌|(?<![A-Za-z])(?:account|acct|a\/c)(?![A-Za-z])/i;
const GROUP_SEPARATORS = /[\s-]+/;

/** Whether the text holds a word that says its number is an account. */
export function namesAnAccount(s: string): boolean {
  return ACCOUNT_WORD.test(s);
}

/** Whether digits written after a bank name ("1800 111 1111") read as a phone number of the region (rule above). */
export function bankDigitsArePhone(digits: string, region: string): boolean {
  const national = nationalGroupsOf(digits, region);
  if (national === null) return false;
  const written = digits.trim().split(GROUP_SEPARATORS);
  return written.length === 1 || (national.length === written.length && national.every((n, i) => n === written[i].length));
}

/** "<bank name> <phone number>" as one value, with no account word: the number as written, else null. */
export function phoneAfterBankName(s: string, region: string): string | null {
  if (ACCOUNT_WORD.test(s)) return null;
  const alias = findAlias(s);
  if (!alias) return null;
  const rest = s.slice(0, alias.index) + ' ' + s.slice(alias.index + alias[0].length);
  const groups = rest.match(DIGIT_GROUPS) ?? [];
  if (groups.length !== 1) return null;
  const leftover = rest.replace(DIGIT_GROUPS, ' ').replace(LABEL_WORDS, ' ').trim();
  return leftover === '' && bankDigitsArePhone(groups[0], region) ? groups[0] : null;
}

export function mentionsBank(s: string): boolean {
  return findAlias(s) !== null;
}

/** The bank an alias names, preferring the reporting region when the alias exists in several countries. */
export function bankForAlias(alias: string, region: string): Bank | undefined {
  const list = BY_ALIAS.get(aliasKey(alias.replace(BANK_SUFFIX, ''))) ?? BY_ALIAS.get(aliasKey(alias));
  if (!list) return undefined;
  return list.find((b) => b.country === region) ?? list[0];
}

export function bankByCode(country: string, code: string): Bank | undefined {
  return BY_CODE.get(country + ':' + code);
}

/** "IBAN:…", or two letters of a country that uses IBANs, two check digits and the BBAN. */
export function looksLikeIban(s: string): boolean {
  if (IBAN_PREFIX.test(s)) return true;
  return IBAN_SHAPE.test(s) && !!(countrySpecs[s.slice(0, 2).toUpperCase()] as { chars?: number } | undefined)?.chars;
}

function iban(input: string): BankResult | Failure {
  const compact = electronicFormatIBAN(input.replace(IBAN_PREFIX, '')) ?? '';
  const r = validateIBAN(compact);
  if (!r.valid) {
    const e = r.errorCodes;
    // A checksum only means something on an IBAN of the right length and format for its country.
    if (e.includes(ValidationErrorsIBAN.NoIBANCountry))
      return fail('invalid_bank_account', `"${compact.slice(0, 2)}" is not an IBAN country`);
    if (e.includes(ValidationErrorsIBAN.WrongBBANLength) || e.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
      return fail('invalid_bank_account', `not a valid IBAN for ${compact.slice(0, 2)} (length or format)`);
    }
    if (e.includes(ValidationErrorsIBAN.WrongIBANChecksum)) return fail('bad_checksum', 'IBAN fails the mod-97 check');
    if (e.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum))
      return fail('bad_checksum', 'IBAN fails its national account checksum');
    return fail('invalid_bank_account', 'not a valid IBAN for its country');
  }
  return { value: 'IBAN:' + compact, attributes: { country: compact.slice(0, 2) } };
}

function withDigits(country: string, bank: Bank | undefined, digits: string, asWritten?: string): BankResult | Failure {
  const range = DIGIT_RANGE.get(country) ?? [6, 20];
  if (digits.length < range[0] || digits.length > range[1]) {
    return fail('invalid_bank_account', `${country} account numbers have ${range[0]}–${range[1]} digits, got ${digits.length}`);
  }
  const code = bank?.code ?? '';
  const attributes: BankResult['attributes'] = { country };
  if (code) attributes.bankCode = code;
  if (bank) attributes.bankName = bank.name;
  else if (asWritten) attributes.bankNameAsWritten = asWritten;
  return { value: `${country}:${code}:${digits}`, attributes };
}

function isIbanCountry(cc: string): boolean {
  return !!(countrySpecs[cc] as { chars?: number } | undefined)?.chars;
}

export function normalizeBankAccount(input: string, region: string, detected = false): BankResult | Failure {
  const canon = CANONICAL.exec(input);
  if (canon) {
    const [, country, code, digits] = canon;
    if (!DIGIT_RANGE.has(country) && !regionSupported(country)) return fail('invalid_bank_account', `"${country}" is not a country code`);
    const bank = code ? bankByCode(country, code) : undefined;
    if (code && !bank) {
      // An unlisted code is kept (the list is not exhaustive) but must be well-formed for the country.
      const width = country === 'KR' ? 3 : country === 'SG' ? 4 : 0;
      if (width && code.length !== width) return fail('invalid_bank_account', `${country} bank codes have ${width} digits`);
      const r = withDigits(country, undefined, digits);
      if (!(r instanceof Failure)) {
        r.value = `${country}:${code}:${digits}`;
        r.attributes.bankCode = code;
      }
      return r;
    }
    return withDigits(country, bank, digits);
  }
  if (looksLikeIban(input)) return iban(input);

  const alias = findAlias(input);
  const cc = alias?.index === 0 ? null : COUNTRY_PREFIX.exec(input);
  if (cc) {
    const country = cc[1];
    if (isIbanCountry(country)) return iban(input);
    if (!DIGIT_RANGE.has(country))
      return fail('invalid_bank_account', `"${country}" is not a country whose account numbers can be read here`);
    const numbers = (input.slice(2).match(DIGIT_GROUPS) ?? []).map((g) => g.replace(SEPARATOR, ''));
    if (numbers.length !== 1) return fail('invalid_bank_account', `${country} followed by one account number`);
    return withDigits(country, undefined, numbers[0]);
  }
  const bank = alias ? bankForAlias(alias[0], region) : undefined;
  const rest = alias ? input.slice(0, alias.index) + ' ' + input.slice(alias.index + alias[0].length) : input;
  const groups = rest.match(DIGIT_GROUPS) ?? [];
  const numbers = groups.map((g) => g.replace(SEPARATOR, '')).filter((g) => g.length >= 4);
  if (numbers.length === 0) return fail('invalid_bank_account', 'no account number found');
  if (numbers.length > 1) return fail('invalid_bank_account', 'more than one number; give one account per value');
  const leftover = rest.replace(DIGIT_GROUPS, ' ').replace(LABEL_WORDS, ' ').replace(SPACES, ' ').trim();
  if (leftover && !bank && !BANK_WORDS.test(leftover)) {
    const code: IndicatorErrorCode = detected ? 'not_an_indicator' : 'invalid_bank_account';
    return fail(code, `"${leftover.slice(0, 40)}" names no bank; an account is a bank name or account word and its number`);
  }
  const country = bank?.country ?? region;
  return withDigits(country, bank, numbers[0], bank ? undefined : leftover || undefined);
}
