import { codes, publishDate } from 'currency-codes';

/**
 * Active ISO 4217 codes: list one as ISO publishes it, carried by the `currency-codes` package (its data is
 * generated from ISO's own XML and dated). XTS (reserved for testing) and XXX (no currency involved) are on
 * that list but are not money anyone can lose.
 */
const NOT_MONEY = new Set(['XTS', 'XXX']);
export const ACTIVE_CURRENCIES: ReadonlySet<string> = new Set(codes().filter((c) => !NOT_MONEY.has(c)));
/** The date of the ISO list behind ACTIVE_CURRENCIES. */
export const CURRENCY_LIST_DATE: string = publishDate;

export const isActiveCurrency = (code: string): boolean => ACTIVE_CURRENCIES.has(code);

/** A loss amount: a decimal string with at most two decimals, greater than zero. */
export const LOSS_AMOUNT = /^(?!0(\.0{1,2})?$)(0|[1-9]\d{0,14})(\.\d{1,2})?$/;
