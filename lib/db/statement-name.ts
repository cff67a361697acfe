import { createHash } from "node:crypto";

// The name of a fixed statement text as a named prepared statement on PostgreSQL (pg's `name`): the
// same text always gets the same name, so each connection parses and plans it once. No database import
// here, so the ingest worker thread can use it too.
const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cr_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
