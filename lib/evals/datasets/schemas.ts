import { z } from "../../zod";
import { timestamp } from "../../http/schemas";
import { textProblem, describeTextProblem } from "../../text/text-problem";

// Inputs and responses of the dataset routes (DESIGN.md "Evaluations"), shared by lib and the routes.

export const MAX_INPUT_BYTES = 100 * 1024;
export const MAX_IMPORT_LINES = 5000;

// Text the database can store (no NUL, no unpaired surrogate), at most maxBytes of UTF-8.
export const storableText = (maxBytes: number) =>
  z.string().superRefine((value, context) => {
    const problem = textProblem(value);
    if (problem) context.addIssue({ code: "custom", message: `Contains ${describeTextProblem(problem)}, which cannot be stored` });
    if (Buffer.byteLength(value) > maxBytes) context.addIssue({ code: "custom", message: `Longer than ${maxBytes / 1024} KB` });
  });

const nameSchema = z.string().trim().min(1, "Name the dataset").max(200);

export const inputSchema = storableText(MAX_INPUT_BYTES).refine((value) => value.trim().length > 0, "The input is empty");

export const expectedToolSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const expectedSchema = z
  .strictObject({
    outcome: z.string().trim().min(1).max(200).optional(),
    output: storableText(MAX_INPUT_BYTES).optional(),
    tools: z.array(expectedToolSchema).max(100).optional(),
  })
  .describe("What a run of the item should do: its outcome, its output, the tools it calls (in order)");
export type Expected = z.infer<typeof expectedSchema>;

export const createDatasetSchema = z.strictObject({
  agent: z.string().trim().min(1).max(200).describe("The agent's slug (or id)"),
  name: nameSchema,
});

export const listDatasetsQuerySchema = z.object({
  agent: z.string().trim().min(1).max(200).optional().describe("Only this agent's datasets (slug)"),
});

export const addDatasetItemSchema = z.strictObject({
  input: inputSchema.optional().describe("The input the agent is given; defaults to the user input of fromTraceId"),
  expected: expectedSchema.optional().describe("Fields given replace those taken from fromTraceId one by one"),
  fromTraceId: z.string().trim().regex(/^[0-9a-fA-F]{32}$/, "A trace id is 32 hex digits").optional(),
});

export const listDatasetItemsQuerySchema = z.object({
  cursor: z.string().max(200).optional().describe("The nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const importDatasetItemsSchema = z.strictObject({
  jsonl: z.string().describe(`JSON Lines: one item a line, { "input": "…", "expected"?: { … } }; at most ${MAX_IMPORT_LINES} lines, blank lines skipped`),
});

// One line of an import.
export const importLineSchema = z.strictObject({ input: inputSchema, expected: expectedSchema.optional() });

export const datasetViewSchema = z.object({
  id: z.string(),
  agent: z.object({ slug: z.string() }),
  name: z.string(),
  createdBy: z.string(),
  createdAt: timestamp,
  items: z.number().describe("How many items it holds"),
});
export type DatasetView = z.input<typeof datasetViewSchema>;

export const datasetItemViewSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  input: z.string(),
  expected: expectedSchema,
  sourceTraceId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
});
export type DatasetItemView = z.input<typeof datasetItemViewSchema>;

export const datasetResponseSchema = z.object({ dataset: datasetViewSchema });
export const datasetListResponseSchema = z.object({ datasets: z.array(datasetViewSchema) });
export const datasetItemResponseSchema = z.object({ item: datasetItemViewSchema });
export const datasetItemListResponseSchema = z.object({ items: z.array(datasetItemViewSchema), nextCursor: z.string().nullable() });
export const importResponseSchema = z.object({ imported: z.number(), dataset: datasetViewSchema });

// PATCH of an item: its expected, replaced whole (send every field to keep).
export const updateDatasetItemSchema = z.strictObject({ expected: expectedSchema });

export const MAX_FROM_INCIDENT = 200;

// Regression items from an incident: its failing tasks, each expected to end with the corrected outcome.
export const addItemsFromIncidentSchema = z.strictObject({
  incidentId: z.uuid("An incident id"),
  outcome: z.string().trim().min(1, "Pick the outcome these tasks should have had").max(200),
  limit: z.coerce.number().int().min(1).max(MAX_FROM_INCIDENT).default(50).describe("At most this many tasks, newest first"),
});
export type AddItemsFromIncidentInput = z.input<typeof addItemsFromIncidentSchema>;

export const fromIncidentResponseSchema = z.object({
  added: z.number().describe("Items added"),
  matched: z.number().describe("Failing tasks in the incident's period, not yet in the dataset"),
  withoutInput: z.number().describe("Tasks skipped: no recorded user input to replay"),
  limit: z.number(),
  criterion: z.string().describe('Which tasks counted as failing, e.g. outcome "approved"'),
  from: timestamp,
  to: timestamp,
  dataset: datasetViewSchema,
});
