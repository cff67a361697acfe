import { createDatasetAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { NEW_DATASET, type DatasetChoice } from "./dataset-picker";

// The picked dataset's id, creating the new one first when that is the choice; an error message otherwise.
export async function resolveDataset(slug: string, choice: DatasetChoice): Promise<{ id: string; name?: string } | { error: string }> {
  if (choice.datasetId === "") return { error: "Wait for the datasets to load, or pick one" };
  if (choice.datasetId !== NEW_DATASET) return { id: choice.datasetId };
  const name = choice.newName.trim();
  if (!name) return { error: "Name the new dataset" };
  const created = await createDatasetAction(slug, name);
  if (!created.ok) return { error: created.error.fieldErrors?.name?.[0] ?? created.error.message };
  return { id: created.data.id, name: created.data.name };
}
