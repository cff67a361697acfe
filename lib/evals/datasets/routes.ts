import { declareRoute } from "../../http/route-declaration";
import { z } from "../../zod";
import {
  addDatasetItemSchema,
  addItemsFromIncidentSchema,
  createDatasetSchema,
  datasetItemListResponseSchema,
  datasetItemResponseSchema,
  datasetListResponseSchema,
  datasetResponseSchema,
  fromIncidentResponseSchema,
  importDatasetItemsSchema,
  importResponseSchema,
  listDatasetItemsQuerySchema,
  listDatasetsQuerySchema,
  MAX_IMPORT_LINES,
  updateDatasetItemSchema,
} from "./schemas";

// What the dataset routes take and give (app/api/v1/datasets/**).
const items = "/api/v1/datasets/{id}/items" as const;

// An import carries up to MAX_IMPORT_LINES items of up to 100 KB each; 20 MB covers a realistic file.
const IMPORT_MAX_BODY = 20 * 1024 * 1024;

export const datasetRoutes = {
  create: declareRoute({
    method: "POST",
    path: "/api/v1/datasets",
    summary: "Create an empty evaluation dataset for an agent (409 when the agent has one of that name)",
    auth: "user",
    permission: "datasets:manage",
    body: createDatasetSchema,
    response: datasetResponseSchema,
    status: 201,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/datasets",
    summary: "Datasets of the caller's teams' agents (?agent= for one agent), with their item counts",
    auth: "user",
    permission: "datasets:read",
    query: listDatasetsQuerySchema,
    response: datasetListResponseSchema,
  }),
  addItem: declareRoute({
    method: "POST",
    path: items,
    summary: "Add an item by hand or from a trace of the agent (fromTraceId: its user input, outcome and tools called)",
    auth: "user",
    permission: "datasets:manage",
    body: addDatasetItemSchema,
    response: datasetItemResponseSchema,
    status: 201,
  }),
  listItems: declareRoute({
    method: "GET",
    path: items,
    summary: "The dataset's items, oldest first, cursor-paginated",
    auth: "user",
    permission: "datasets:read",
    query: listDatasetItemsQuerySchema,
    response: datasetItemListResponseSchema,
  }),
  importItems: declareRoute({
    method: "POST",
    path: `${items}/import`,
    summary: `Import items from JSON Lines sent as { "jsonl": "…" }: all or nothing, at most ${MAX_IMPORT_LINES} lines; a 422 lists each bad line`,
    auth: "user",
    permission: "datasets:manage",
    body: importDatasetItemsSchema,
    response: importResponseSchema,
    status: 201,
    maxBodyBytes: IMPORT_MAX_BODY,
  }),
  deleteItem: declareRoute({
    method: "DELETE",
    path: `${items}/{itemId}`,
    summary: "Remove an item from the dataset (audited)",
    auth: "user",
    permission: "datasets:manage",
    response: z.object({ id: z.string() }),
  }),
  updateItem: declareRoute({
    method: "PATCH",
    path: `${items}/{itemId}`,
    summary: "Replace what an item expects ({ expected }, whole; audited)",
    auth: "user",
    permission: "datasets:manage",
    body: updateDatasetItemSchema,
    response: datasetItemResponseSchema,
  }),
  fromIncident: declareRoute({
    method: "POST",
    path: `${items}/from-incident`,
    summary: "Add an incident's failing tasks (its alert's outcome, or errors, in the shift period; newest first, capped) as items expecting the corrected outcome",
    auth: "user",
    permission: "datasets:manage",
    body: addItemsFromIncidentSchema,
    response: fromIncidentResponseSchema,
    status: 201,
  }),
};
