import { createVersionSchema, type CreateVersionInput } from "@/lib/versions/schemas";
import type { VersionBundle } from "@/lib/versions/version-view";

// What the inputs hold (text); the shared schema (createVersionSchema) decides what is valid.
export type VersionFormValues = {
  prompt: string;
  model: string;
  params: string;
  kbId: string;
  kbVersion: string;
  tools: string;
  policyVersion: string;
  message: string;
};
export type VersionFormField = keyof VersionFormValues;
export const versionFormFields = ["prompt", "model", "params", "kbId", "kbVersion", "tools", "policyVersion", "message"] as const satisfies readonly VersionFormField[];

// Prefilled from a version (production's, or the newest) so a developer changes one thing; the message
// is theirs to write.
export function valuesFrom(version: VersionBundle | null): VersionFormValues {
  return {
    prompt: version?.prompt ?? "",
    model: version?.model ?? "",
    params: JSON.stringify(version?.params ?? {}, null, 2),
    kbId: version?.knowledgeBase?.id ?? "",
    kbVersion: version?.knowledgeBase?.version ?? "",
    tools: JSON.stringify(version?.tools ?? [], null, 2),
    policyVersion: "",
    message: "",
  };
}

type Parsed = { input: CreateVersionInput; errors: null } | { input: null; errors: Partial<Record<VersionFormField, string>> };

function parseJson(text: string, empty: unknown): { value: unknown } | { error: string } {
  if (text.trim() === "") return { value: empty };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `Not valid JSON: ${error instanceof Error ? error.message : "check the brackets and quotes"}` };
  }
}

// The schema's path → the input that shows its message.
export function fieldOf(path: readonly PropertyKey[]): VersionFormField | null {
  const [head, next] = path;
  if (head === "knowledgeBase") return next === "version" ? "kbVersion" : "kbId";
  return (versionFormFields as readonly string[]).includes(String(head)) ? (head as VersionFormField) : null;
}

export function parseVersionForm(values: VersionFormValues): Parsed {
  const errors: Partial<Record<VersionFormField, string>> = {};
  const params = parseJson(values.params, {});
  const tools = parseJson(values.tools, []);
  if ("error" in params) errors.params = params.error;
  else if (!params.value || typeof params.value !== "object" || Array.isArray(params.value)) errors.params = 'A JSON object, e.g. { "temperature": 0.2 }';
  if ("error" in tools) errors.tools = tools.error;
  else if (!Array.isArray(tools.value)) errors.tools = 'A JSON array, e.g. [{ "name": "claims.lookup" }]';
  const hasKnowledgeBase = values.kbId.trim() !== "" || values.kbVersion.trim() !== "";
  const input = {
    prompt: values.prompt,
    model: values.model,
    params: "value" in params ? params.value : {},
    knowledgeBase: hasKnowledgeBase ? { id: values.kbId, version: values.kbVersion } : null,
    tools: "value" in tools ? tools.value : [],
    ...(values.policyVersion.trim() ? { policyVersion: values.policyVersion } : {}),
    message: values.message,
  };
  const parsed = createVersionSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (!field || errors[field]) continue;
      // A tool's own problem names the tool's place in the list.
      const where = field === "tools" && typeof issue.path[1] === "number" ? `Tool ${issue.path[1] + 1}${issue.path[2] ? ` (${String(issue.path[2])})` : ""}: ` : "";
      errors[field] = `${where}${issue.message}`;
    }
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: input as CreateVersionInput, errors: null };
}
