import { scan, type Finding } from "./finding";

// Card numbers and IBANs are only reported when their check digits hold: order numbers, tracking ids
// and phone numbers of the same length fail Luhn or mod-97 nine times out of ten.

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// 13–19 digits, optionally grouped by single spaces or dashes, not glued to other digits or decimals.
const CARD = /(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d]|[.,]\d)/g;
// Issuer prefixes of the major networks (Visa, Mastercard, Amex, Diners, Discover, JCB, UnionPay,
// Maestro): a Luhn-valid number starting with 0, 1, 7, 8 or 9 is an id, not a card.
const ISSUER_PREFIX = /^(?:4|5[0-9]|2[2-7]|3[0-9]|6)/;

export function detectCards(text: string): Finding[] {
  return scan(text, CARD, (match) => {
    const raw = match[0];
    // One separator style per number: "4111 1111-1111 1111" is two numbers run together, not a card.
    if (raw.includes(" ") && raw.includes("-")) return undefined;
    const digits = raw.replace(/\D/g, "");
    if (!ISSUER_PREFIX.test(digits) || !passesLuhn(digits)) return undefined;
    return { kind: "card", match: `…${digits.slice(-4)}`, index: match.index, length: raw.length };
  });
}

// IBAN length per country (ISO 13616 registry).
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 " +
    "FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 " +
    "LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 " +
    "RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30"
  )
    .split(" ")
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

export function passesMod97(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    // Letters count as two digits (A = 10 … Z = 35).
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

// Country, check digits, then the rest in any grouping of single spaces or dashes.
const IBAN = /(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})(?:[ -]?[A-Za-z0-9]){10,30}/g;

export function detectIbans(text: string): Finding[] {
  return scan(text, IBAN, (match) => {
    const country = match[1].toUpperCase();
    const expected = IBAN_LENGTHS[country];
    if (!expected) return undefined;
    // The pattern may run on into the next word; walk the raw text to the country's exact length and
    // insist that the IBAN ends there.
    let compact = "";
    let end = match.index;
    while (end < text.length && compact.length < expected) {
      const char = text[end];
      if (/[A-Za-z0-9]/.test(char)) compact += char.toUpperCase();
      else if (!/[ -]/.test(char) || !/[A-Za-z0-9]/.test(text[end + 1] ?? "")) break;
      end++;
    }
    if (compact.length !== expected || /[A-Za-z0-9]/.test(text[end] ?? "") || !passesMod97(compact)) return undefined;
    return { kind: "iban", match: `${country}…${compact.slice(-4)}`, index: match.index, length: end - match.index };
  });
}
