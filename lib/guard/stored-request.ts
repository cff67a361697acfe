import { z } from "../zod";
import { budgetWindows, inputChannels } from "../policies/document-schema";
import { guardActionSchema, guardUsageSchema } from "./schemas";

// What a guard decision row keeps of the agent's request (check-guard.ts recordedRequest): the action and
// usage whole, screened text as a redacted excerpt, and the budgets that held it. Rows written by older
// versions may lack or misshape a field, so each field falls back on its own instead of failing the row;
// every reader of the stored request goes through readStoredRequest rather than casting the JSON.
const heldBudgetSchema = z.object({
  scope: z.string().min(1),
  label: z.string(),
  window: z.enum(budgetWindows),
  onExceed: z.enum(["hold", "deny"]),
  spent: z.object({ usd: z.number(), tokens: z.number() }),
  limit: z.object({ usd: z.number().optional(), tokens: z.number().optional() }),
});

export const storedGuardRequestSchema = z.object({
  action: guardActionSchema.optional().catch(undefined),
  usage: guardUsageSchema.optional().catch(undefined),
  channel: z.enum(inputChannels).optional().catch(undefined),
  textExcerpt: z.string().optional().catch(undefined),
  textLength: z.number().int().min(0).optional().catch(undefined),
  budgets: z.array(heldBudgetSchema).catch([]),
});
export type StoredGuardRequest = z.output<typeof storedGuardRequestSchema>;

export function readStoredRequest(stored: unknown): StoredGuardRequest {
  const parsed = storedGuardRequestSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { budgets: [] };
}
