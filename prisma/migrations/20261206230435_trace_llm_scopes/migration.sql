-- The LLM spans' instrumentation scopes per trace (lib/traces/overlapping-calls.ts). Traces stored before
-- this column keep NULL, read as "unknown" (ingest still checks them for a call reported twice); new
-- traces start from the default. Adding a column without a default rewrites nothing.
ALTER TABLE "traces" ADD COLUMN "llm_scopes" TEXT[];
ALTER TABLE "traces" ALTER COLUMN "llm_scopes" SET DEFAULT ARRAY[]::TEXT[];
