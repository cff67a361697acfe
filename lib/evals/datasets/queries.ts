import { getJson } from "@/lib/get-json";
import type { DatasetItemView, DatasetView, Expected } from "./schemas";

// TanStack Query keys and fetchers for the dataset pages (client-safe: types only from the server side).
type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string | Date : T[K] };
export type DatasetRow = Jsonified<DatasetView>;
export type DatasetItemRow = Jsonified<DatasetItemView>;
export type ItemsPage = { items: DatasetItemRow[]; nextCursor: string | null };
export type { Expected };

export const datasetQueryKeys = {
  all: ["datasets"] as const,
  list: (agent: string) => ["datasets", "list", agent] as const,
  items: (datasetId: string) => ["datasets", "items", datasetId] as const,
};

export const ITEMS_PAGE_SIZE = 50;

export async function fetchDatasets(agent: string): Promise<{ datasets: DatasetRow[] }> {
  return getJson(`/api/v1/datasets?agent=${encodeURIComponent(agent)}`);
}

export async function fetchDatasetItems(datasetId: string, cursor: string | null): Promise<ItemsPage> {
  const search = new URLSearchParams({ limit: String(ITEMS_PAGE_SIZE), ...(cursor ? { cursor } : {}) });
  return getJson(`/api/v1/datasets/${encodeURIComponent(datasetId)}/items?${search}`);
}
