import { cutText, cutWithEllipsis } from "../text/cut-text";

// The decision log keeps only a short excerpt of screened text, with anything that could be a
// number, a secret or an address masked: the log must not become a copy of what the guard blocked.

const EXCERPT_LENGTH = 160;
const LONG_NUMBER = /\d(?:[\s.-]?\d){7,}/g;
const TOKEN = /[A-Za-z0-9_+/=-]{24,}/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const IBAN_LIKE = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,}/g;

export function redactExcerpt(text: string): string {
  const head = cutText(text, EXCERPT_LENGTH * 2);
  const masked = head
    .replace(EMAIL, "[email]")
    .replace(IBAN_LIKE, "[iban]")
    .replace(TOKEN, "[token]")
    .replace(LONG_NUMBER, "[number]")
    .replace(/\s+/g, " ")
    .trim();
  return cutWithEllipsis(masked, EXCERPT_LENGTH);
}
