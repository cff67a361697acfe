import type { DialectWriter, RootInfo } from "../steps";
import type { Dialect } from "../types";
import { genAiWriter } from "./genai";
import { openInferenceWriter } from "./openinference";
import { vercelAiWriter } from "./vercel-ai";

export function writerFor(dialect: Dialect, root: RootInfo): DialectWriter {
  switch (dialect) {
    case "genai":
      return genAiWriter({ legacy: false });
    case "genai-legacy":
      return genAiWriter({ legacy: true });
    case "openinference":
      return openInferenceWriter;
    case "vercel-ai":
      return vercelAiWriter(root);
  }
}
