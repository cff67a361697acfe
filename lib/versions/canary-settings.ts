import { z } from "../zod";

// Per-agent settings of the guarded canary, with the defaults it runs on.
//  - minSamplePerSide 100: no verdict before 100 tasks on each side. Both tests lean on normal
//    approximations, which at a 5% rate need a handful of events per side to be honest; it also
//    stops a canary from being ended by its first unlucky minutes.
//  - alpha 0.01: the always-valid rate interval is 99%, so over the whole canary, however often it
//    is looked at, an equal canary has at most a 1% chance of its interval missing the truth, and
//    far less of lying entirely beyond the margin.
//  - rateMargin 0.01: only a rate worse by more than 1 percentage point ends a canary; smaller
//    differences are for the comparison page and a human, not an automatic stop. bench/canary.ts: with
//    a 2-point margin a deny rate going from 5% to 8% was caught in only 16% of runs within 5,000
//    canary tasks (the whole interval must clear the margin); with 1 point in 96%, with no false alarm
//    in 500 equal runs under 100 looks.
//  - valueTolerance 0.25: cost or latency must be shown worse by more than 25% of production's
//    median (Kayenta's default "allowed increase" fraction).
//  - valueAlpha 0.001: the rank test is fixed-horizon and the judge looks at it again and again, so
//    its level is set far below the rate test's; bench/canary.ts measures the resulting false-alarm
//    rate over 100 looks.
export const defaultCanarySettings = {
  enabled: true,
  minSamplePerSide: 100,
  alpha: 0.01,
  rateMargin: 0.01,
  valueTolerance: 0.25,
  valueAlpha: 0.001,
} as const;

export const canarySettingsSchema = z.object({
  enabled: z.boolean().default(defaultCanarySettings.enabled).describe("Whether a worse canary is ended automatically"),
  minSamplePerSide: z
    .number()
    .int()
    .min(20)
    .max(100_000)
    .default(defaultCanarySettings.minSamplePerSide)
    .describe("Tasks needed on each side (canary and production) before any verdict"),
  alpha: z
    .number()
    .min(0.0001)
    .max(0.2)
    .default(defaultCanarySettings.alpha)
    .describe("Error level of the always-valid interval for rates (0.01 gives 99% intervals)"),
  rateMargin: z
    .number()
    .min(0)
    .max(0.5)
    .default(defaultCanarySettings.rateMargin)
    .describe("How much worse a rate may be, as an absolute difference (0.01 = 1 percentage point)"),
  valueTolerance: z
    .number()
    .min(0)
    .max(10)
    .default(defaultCanarySettings.valueTolerance)
    .describe("How much worse cost, latency or steps may be, as a share of production's median (0.25 = 25%)"),
  valueAlpha: z
    .number()
    .min(0.00001)
    .max(0.2)
    .default(defaultCanarySettings.valueAlpha)
    .describe("One-sided significance level of the Mann–Whitney test for values"),
});

export type CanarySettings = z.infer<typeof canarySettingsSchema>;
/** What the judge itself needs: whether to act on its verdict is the caller's business. */
export type CanaryTestSettings = Omit<CanarySettings, "enabled">;
