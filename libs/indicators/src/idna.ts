import { toASCII } from 'tr46';

/*
 * UTS #46 processing (non-transitional, STD3 rules, bidi and joiner checks, DNS lengths) by tr46, the
 * implementation behind the WHATWG URL reference. Node's own url.domainToASCII changed between Node 20 and 24
 * (Node 24 passes undecodable "xn--" labels through), so the canonical form must not depend on the runtime.
 */
const OPTIONS = {
  checkBidi: true,
  checkHyphens: false,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  verifyDNSLength: false,
  processingOption: 'nontransitional',
} as const;

/** The ASCII form of a host name, or null when UTS #46 refuses it. */
export function hostToAscii(host: string): string | null {
  return toASCII(host, OPTIONS);
}
