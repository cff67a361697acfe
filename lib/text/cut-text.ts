// Cutting user text to a length. Lengths are in UTF-16 code units (what String#length counts), but a
// cut never falls between the two halves of a surrogate pair (an emoji, most CJK extension
// characters): half a pair is not Unicode, PostgreSQL refuses it in jsonb, and browsers show it as �.

// At most maxLength code units, ending on a code point boundary.
export function cutText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const end = Math.max(0, maxLength);
  return isHighSurrogate(text.charCodeAt(end - 1)) ? text.slice(0, end - 1) : text.slice(0, end);
}

// At most maxLength code units, the last one "…" when something was cut.
export function cutWithEllipsis(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${cutText(text, maxLength - 1)}…`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
