-- CreateEnum
CREATE TYPE "SpanKind" AS ENUM ('agent', 'llm', 'tool', 'retrieval', 'workflow', 'other');

-- CreateEnum
CREATE TYPE "SpanStatus" AS ENUM ('unset', 'ok', 'error');

-- CreateTable
CREATE TABLE "traces" (
    "trace_id" TEXT NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "session_id" TEXT,
    "root_span_id" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "workflow" TEXT,
    "outcome" TEXT,
    "status" "SpanStatus" NOT NULL DEFAULT 'unset',
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "end_time" TIMESTAMPTZ(6) NOT NULL,
    "span_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "unpriced_spans" INTEGER NOT NULL DEFAULT 0,
    "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "traces_pkey" PRIMARY KEY ("trace_id")
);

-- CreateTable
CREATE TABLE "spans" (
    "trace_id" TEXT NOT NULL,
    "span_id" TEXT NOT NULL,
    "parent_span_id" TEXT,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "session_id" TEXT,
    "name" TEXT NOT NULL,
    "kind" "SpanKind" NOT NULL DEFAULT 'other',
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "end_time" TIMESTAMPTZ(6) NOT NULL,
    "status" "SpanStatus" NOT NULL DEFAULT 'unset',
    "status_message" TEXT,
    "model" TEXT,
    "provider" TEXT,
    "tool_name" TEXT,
    "workflow" TEXT,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "cached_input_tokens" INTEGER,
    "reasoning_tokens" INTEGER,
    "cost_usd" DECIMAL(18,8),
    "input" TEXT,
    "output" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "events" JSONB,
    "service" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spans_pkey" PRIMARY KEY ("trace_id","span_id")
);

-- CreateTable
CREATE TABLE "model_prices" (
    "id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT '',
    "input_per_mtok" DECIMAL(12,6) NOT NULL,
    "output_per_mtok" DECIMAL(12,6) NOT NULL,
    "cached_input_per_mtok" DECIMAL(12,6),
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_prices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "traces_start_time_idx" ON "traces"("start_time" DESC);

-- CreateIndex
CREATE INDEX "traces_agent_id_start_time_idx" ON "traces"("agent_id", "start_time" DESC);

-- CreateIndex
CREATE INDEX "traces_team_id_start_time_idx" ON "traces"("team_id", "start_time" DESC);

-- CreateIndex
CREATE INDEX "traces_session_id_start_time_idx" ON "traces"("session_id", "start_time");

-- CreateIndex
CREATE INDEX "spans_start_time_idx" ON "spans"("start_time" DESC);

-- CreateIndex
CREATE INDEX "spans_agent_id_start_time_idx" ON "spans"("agent_id", "start_time" DESC);

-- CreateIndex
CREATE INDEX "spans_session_id_start_time_idx" ON "spans"("session_id", "start_time");

-- CreateIndex
CREATE UNIQUE INDEX "model_prices_model_effective_from_key" ON "model_prices"("model", "effective_from");
