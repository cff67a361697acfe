// Evaluators of evaluation suites: settings (schemas), scoring of one item, aggregation of a run, and the
// LLM judge. Pure: no database, no server-only imports.
export * from "./schemas";
export * from "./score";
export { createJudge, judgeFromEnv, parseVerdict, DEFAULT_JUDGE_TIMEOUT_MS, type JudgeConfig } from "./llm-judge";
