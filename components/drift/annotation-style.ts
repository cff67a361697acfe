import type { DriftSeriesData } from "@/lib/drift/queries";

// How a drift chart marks each kind of change: a colour (at least 3:1 against white, and named in the
// legend and in the list under the chart, never colour alone), a legend name and a short label on the line.

export type Annotation = DriftSeriesData["annotations"][number];
export type AnnotationKind = Annotation["kind"];

export const annotationKinds: Record<AnnotationKind, { colour: string; name: string }> = {
  version: { colour: "#3b4fd1", name: "Version" },
  knowledge_base: { colour: "#7c3aed", name: "Knowledge base" },
  rollback: { colour: "#b45309", name: "Rollback" },
  policy: { colour: "#0f766e", name: "Policy" },
  provider_model: { colour: "#be185d", name: "Provider model" },
};

export const CHANGE_POINT_COLOUR = "#b42318";
export const BASELINE_COLOUR = "#15803d";
export const SERIES_COLOUR = "#161a1f";

/** The few characters drawn at the top of the annotation's line: "v4", "v4 canary", "KB v4", "rollback", "policy", "model". */
export function shortLabel(annotation: Annotation): string {
  const head = annotation.diff?.head;
  switch (annotation.kind) {
    case "version":
      return head ? (/canary/i.test(annotation.label) ? `${head} canary` : head) : "version";
    case "knowledge_base":
      return head ? `KB ${head}` : "KB";
    case "rollback":
      return head ? `rollback → ${head}` : "rollback";
    case "policy":
      return "policy";
    case "provider_model":
      return "provider model";
  }
}

/** The version compare page for an annotation that is a version change (base → head), else null. */
export function annotationHref(slug: string, annotation: Annotation): string | null {
  if (!annotation.diff) return null;
  const { base, head } = annotation.diff;
  const versions = `/agents/${encodeURIComponent(slug)}/versions`;
  if (!base) return `${versions}/${encodeURIComponent(head)}`;
  return `${versions}/compare?base=${encodeURIComponent(base)}&head=${encodeURIComponent(head)}`;
}
