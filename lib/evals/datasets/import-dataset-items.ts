import type { Prisma } from "../../generated/prisma/client";
import { randomBytes } from "node:crypto";
import { transaction } from "../../db/transaction";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { importDatasetItemsSchema, importLineSchema, MAX_IMPORT_LINES, type DatasetView, type Expected } from "./schemas";
import { datasetInclude, findDatasetForPrincipal, toDatasetView } from "./dataset-view";

export type LineError = { line: number; message: string };
type ParsedLine = { input: string; expected: Expected };

// Items from JSON Lines ({ "input": "…", "expected"?: { … } } a line; blank lines skipped), all or
// nothing: one bad line stores none, and the 422 names every bad line (1-based) and what is wrong with it.
export async function importDatasetItems(principal: Principal, datasetId: string, rawBody: unknown): Promise<{ imported: number; dataset: DatasetView }> {
  assertCan(principal, "datasets:manage");
  const { jsonl } = importDatasetItemsSchema.parse(rawBody ?? {});
  const items = parseJsonl(jsonl);
  return transaction(async (tx) => {
    const dataset = await findDatasetForPrincipal(tx, principal, datasetId);
    const createdBy = actorOf(principal).actorLabel ?? "unknown";
    // One createdAt for the import; ids that sort in line order keep the list's oldest-first order the file's.
    const createdAt = new Date();
    const ids = orderedIds(createdAt, items.length);
    await tx.datasetItem.createMany({
      data: items.map((item, index) => ({ id: ids[index], datasetId: dataset.id, input: item.input, expected: item.expected as Prisma.InputJsonValue, createdBy, createdAt })),
    });
    await recordAudit(tx, principal, {
      action: "dataset.items.import",
      targetType: "dataset",
      targetId: dataset.id,
      teamId: dataset.teamId,
      after: { imported: items.length },
    });
    const updated = await tx.dataset.findUniqueOrThrow({ where: { id: dataset.id }, include: datasetInclude });
    return { imported: items.length, dataset: toDatasetView(updated) };
  });
}

export function parseJsonl(text: string): ParsedLine[] {
  const lines = text.split(/\r?\n/);
  // Blank lines do not count (the body's size limit bounds them).
  const count = lines.filter((line) => line.trim()).length;
  if (count > MAX_IMPORT_LINES) {
    throw new AppError("validation_failed", `${count} items: at most ${MAX_IMPORT_LINES} lines can be imported at once, split the file`);
  }
  const items: ParsedLine[] = [];
  const errors: LineError[] = [];
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ line: number, message: "Not valid JSON" });
      return;
    }
    const parsed = importLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.join(".");
      errors.push({ line: number, message: path ? `${path}: ${issue.message}` : issue.message });
      return;
    }
    items.push({ input: parsed.data.input, expected: parsed.data.expected ?? {} });
  });
  if (errors.length > 0) {
    const first = errors[0];
    throw new AppError("validation_failed", `Nothing imported: ${errors.length} bad line${errors.length === 1 ? "" : "s"} (line ${first.line}: ${first.message})`, { details: errors });
  }
  if (items.length === 0) throw new AppError("validation_failed", "Nothing to import: the JSON Lines text holds no items");
  return items;
}

// UUIDv7-shaped ids (time, then a counter) that compare in line order within one import.
function orderedIds(at: Date, count: number): string[] {
  const time = at.getTime().toString(16).padStart(12, "0");
  return Array.from({ length: count }, (_, index) => {
    const counter = index.toString(16).padStart(6, "0");
    const random = randomBytes(6).toString("hex");
    return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.slice(0, 3)}-8${counter.slice(3)}-${random}`;
  });
}
