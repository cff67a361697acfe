// Pure CSV writing (RFC 4180): comma-separated, CRLF line ends, fields quoted when they hold a comma,
// a quote or a line break, quotes doubled. Text that a spreadsheet would run as a formula (=, +, -, @,
// tab, CR first) is prefixed with an apostrophe, so a team named "=HYPERLINK(…)" stays text.
export type CsvValue = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function escapeCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(escapeCsvField).join(",")).join("\r\n") + "\r\n";
}
