import { scan, type Finding } from "./finding";

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

export function detectEmails(text: string): Finding[] {
  return scan(text, EMAIL, (match) => {
    const at = match[0].indexOf("@");
    return { kind: "email", match: `${match[0][0]}***${match[0].slice(at)}`, index: match.index, length: match[0].length };
  });
}

// Phone numbers share their digits with dates, amounts, order numbers and ids, so a candidate must
// have a recognised phone shape, and the words before it must not say it is something else.
const CANDIDATE = /(?<![\w+#.,/-])(?:\+|\(\+?)?\d[\d ().\/-]{5,24}\d(?![\w])/g;

// Each shape with the fewest digits it may have.
const SHAPES: [RegExp, number][] = [
  // +44 20 7946 0958, +1 (415) 555-2671, +33612345678
  [/^\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,6}$/, 8],
  // 0044 20 7946 0958 (grouped: a bare "00…" run is more often an id)
  [/^00[1-9]\d{0,2}(?:[ .-]\(?\d{1,5}\)?){2,6}$/, 10],
  // (415) 555-2671, (030) 1234567
  [/^\(\d{2,5}\) ?\d{3,4}[ .-]?\d{3,5}$/, 9],
  // North America without country code: 415-555-2671, 415.555.2671, 1-415-555-2671 (area code and
  // exchange never start with 0 or 1)
  [/^(?:1[ .-])?[2-9]\d{2}([ .-])[2-9]\d{2}\1\d{4}$/, 10],
  // National formats with a trunk 0: 030 12345678, 0171 1234567, 020 7946 0958, 06 12 34 56 78
  [/^0\d{1,4}(?:[ ./-]\d{2,8}){1,4}$/, 9],
];
// 06/12/2024, 2024-06-12 (with a time after it, a date has as many digits as a phone).
const DATE = /(?:^|\D)(?:\d{1,2}([./-])\d{1,2}\1(?:19|20)\d{2}|(?:19|20)\d{2}([./-])\d{1,2}\2\d{1,2})(?:\D|$)/;
// Bare digit runs ("07700900123", "4155552671") only count when the text says it is a phone.
const BARE_SHAPE = /^(?:0\d{9,11}|[2-9]\d{9})$/;

const PHONE_WORDS = /\b(?:phone|telephone|tel|mobile|mob|cell|fax|whatsapp|sms|call|text|reach|contact|dial|ring)\b/i;
// A label right before the number that makes it an identifier or an amount.
const ID_WORDS =
  /\b(?:order|invoice|inv|ticket|case|ref|reference|account|acct|tracking|track|id|sku|po|claim|policy|serial|transaction|txn|confirmation|booking|reservation|customer|member|isbn|iban|card|version|build|eur|usd|gbp|chf)$/i;
// "order number: ", "ref no. #", "invoice-" — qualifiers between the label and the number.
const QUALIFIERS = /(?:\s|[:#.(=-]|\b(?:number|no|nr|num)\b)*$/i;

function labelBefore(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index).replace(QUALIFIERS, "");
}

function phoneShape(candidate: string, before: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15 || DATE.test(candidate)) return false;
  if (SHAPES.some(([shape, minDigits]) => digits.length >= minDigits && shape.test(candidate))) return true;
  return BARE_SHAPE.test(candidate) && PHONE_WORDS.test(before);
}

export function detectPhones(text: string): Finding[] {
  return scan(text, CANDIDATE, (match) => {
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    // "#555-123-4567", "Order 555-123-4567", "EUR 555 123 4567": an id or an amount.
    if (/#\s*$/.test(before) || ID_WORDS.test(labelBefore(text, match.index))) return undefined;
    if (/^\s?(?:€|\$|£|%|eur\b|usd\b|gbp\b)/i.test(text.slice(match.index + match[0].length))) return undefined;
    // The candidate may have swallowed a following number ("555-123-4567 2 times"): drop trailing
    // groups until a phone shape fits.
    let candidate = match[0];
    while (!phoneShape(candidate, before)) {
      const cut = candidate.search(/[ ./-][^ ./-]*$/);
      if (cut <= 0) return undefined;
      candidate = candidate.slice(0, cut).replace(/[ ./(-]+$/, "");
    }
    const digits = candidate.replace(/\D/g, "");
    return { kind: "phone", match: `…${digits.slice(-4)}`, index: match.index, length: candidate.length };
  });
}
