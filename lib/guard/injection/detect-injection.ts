// The input check's prompt-injection detector: normalise, match the rule set, score with the
// committed model. Pure and synchronous; typical texts take a fraction of a millisecond.

import { scoreDocument, scoreMessage } from "./features";
import { committedModels, sigmoid, type LoadedModel, type ModelKind } from "./model";
import { normalizeText } from "./normalize";
import type { RuleHit } from "./rules";

export type InjectionChannel = "user" | "tool" | "retrieval";
export type InjectionSensitivity = "low" | "medium" | "high";

export type InjectionOptions = {
  channel?: InjectionChannel;
  sensitivity?: InjectionSensitivity;
  /** Log-odds added to the sensitivity's threshold; for the evaluation's operating points only. */
  thresholdShift?: number;
};

export type InjectionReason = { code: "prompt_injection"; message: string; rule?: string };

export type InjectionResult = {
  injection: boolean;
  /** 0…1; 0.5 is the medium-sensitivity boundary of the channel. */
  score: number;
  reasons: InjectionReason[];
};

// Log-odds added to the channel threshold: low flags only clear attacks, high also the borderline.
const SENSITIVITY_SHIFT: Record<InjectionSensitivity, number> = { low: 1.5, medium: 0, high: -1.5 };
// A user message that reads like a jailbreak is suspicious in a document too, but documents quote
// and discuss such text more often than users send it, so the whole-text score is discounted.
const INDIRECT_WHOLE_TEXT_DISCOUNT = 1;
const MAX_REASONS = 3;

export type InjectionModels = Record<ModelKind, LoadedModel>;

/** Screens `text` with the committed models. */
export function detectInjection(text: string, options: InjectionOptions = {}): InjectionResult {
  return detectWithModels(committedModels(), text, options);
}

/** Screens `text` with the given models (the training script scores freshly trained weights). */
export function detectWithModels(models: InjectionModels, text: string, options: InjectionOptions = {}): InjectionResult {
  const channel = options.channel ?? "user";
  const indirect = channel !== "user";
  const normalized = normalizeText(text, { message: !indirect });

  let margin: number;
  let hits: RuleHit[];
  if (!indirect) {
    const whole = scoreMessage(normalized, models.direct);
    margin = whole.logit - models.direct.threshold;
    hits = whole.hits;
  } else {
    // Content the agent reads: the whole text as a (discounted) direct message, and each segment in
    // its document context; the most suspicious decides.
    const document = scoreDocument(normalized, models.direct, models.indirect);
    margin = Math.max(document.wholeLogit - models.direct.threshold - INDIRECT_WHOLE_TEXT_DISCOUNT, document.segmentMargin);
    hits = document.hits;
  }

  margin -= SENSITIVITY_SHIFT[options.sensitivity ?? "medium"] + (options.thresholdShift ?? 0);
  const critical = hits.some((hit) => hit.rule.critical);
  const flagged = margin >= 0 || critical;
  const probability = critical ? Math.max(sigmoid(margin), 0.9) : sigmoid(margin);
  return {
    injection: flagged,
    score: Math.round(probability * 1000) / 1000,
    reasons: flagged ? describe(hits, probability) : [],
  };
}

function describe(hits: RuleHit[], probability: number): InjectionReason[] {
  if (hits.length === 0) {
    return [
      {
        code: "prompt_injection",
        message: `Text resembles known prompt injections (model score ${probability.toFixed(2)})`,
      },
    ];
  }
  return [...hits]
    .sort((a, b) => b.rule.weight - a.rule.weight)
    .slice(0, MAX_REASONS)
    .map((hit) => ({ code: "prompt_injection", message: hit.rule.description, rule: hit.rule.id }));
}
