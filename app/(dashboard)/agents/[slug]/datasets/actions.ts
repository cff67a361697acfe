"use server";

import { revalidatePath } from "next/cache";
import { isAppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/http/action";
import { addDatasetItem } from "@/lib/evals/datasets/add-dataset-item";
import { addItemsFromIncident } from "@/lib/evals/datasets/add-items-from-incident";
import { createDataset } from "@/lib/evals/datasets/create-dataset";
import { deleteDatasetItem } from "@/lib/evals/datasets/delete-dataset-item";
import { importDatasetItems, type LineError } from "@/lib/evals/datasets/import-dataset-items";
import { updateDatasetItem } from "@/lib/evals/datasets/update-dataset-item";
import type { AddItemsFromIncidentInput, Expected } from "@/lib/evals/datasets/schemas";

// Thin callers: lib/evals/datasets enforces permissions, team scoping and validation. Pages that show
// the results are revalidated; the client invalidates its dataset queries.

const done = <T,>(slug: string, result: T): T => {
  revalidatePath(`/agents/${slug}/datasets`, "layout");
  return result;
};

export async function createDatasetAction(slug: string, name: string) {
  return done(slug, await runAction(async (principal) => {
    const dataset = await createDataset(principal, { agent: slug, name });
    return { id: dataset.id, name: dataset.name };
  }));
}

export type NewItem = { input?: string; expected?: Expected; fromTraceId?: string };

export async function addDatasetItemAction(slug: string, datasetId: string, item: NewItem) {
  return done(slug, await runAction(async (principal) => ({ id: (await addDatasetItem(principal, datasetId, item)).id })));
}

export async function updateItemExpectedAction(slug: string, datasetId: string, itemId: string, expected: Expected) {
  return done(slug, await runAction(async (principal) => ({ id: (await updateDatasetItem(principal, datasetId, itemId, { expected })).id })));
}

export async function deleteDatasetItemAction(slug: string, datasetId: string, itemId: string) {
  return done(slug, await runAction(async (principal) => deleteDatasetItem(principal, datasetId, itemId)));
}

// An import is all or nothing: its bad lines come back as data, each with its line number, so the
// form can list them all rather than only the first.
export async function importDatasetItemsAction(slug: string, datasetId: string, jsonl: string) {
  return done(slug, await runAction(async (principal): Promise<{ imported: number; rejected: LineError[] }> => {
    try {
      return { imported: (await importDatasetItems(principal, datasetId, { jsonl })).imported, rejected: [] };
    } catch (error) {
      if (isAppError(error) && error.code === "validation_failed" && Array.isArray(error.details)) return { imported: 0, rejected: error.details as LineError[] };
      throw error;
    }
  }));
}

export async function addItemsFromIncidentAction(slug: string, datasetId: string, input: AddItemsFromIncidentInput) {
  return done(slug, await runAction(async (principal) => {
    const result = await addItemsFromIncident(principal, datasetId, input);
    return { added: result.added, matched: result.matched, withoutInput: result.withoutInput, limit: result.limit, criterion: result.criterion };
  }));
}
