-- CreateEnum
CREATE TYPE "PolicyProposalStatus" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

-- AlterTable
ALTER TABLE "policy_versions" ADD COLUMN     "note" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "budgets" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "policy_proposals" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "workflow" TEXT NOT NULL DEFAULT '',
    "decision_type" TEXT NOT NULL DEFAULT '',
    "document" JSONB NOT NULL,
    "base_version" INTEGER,
    "status" "PolicyProposalStatus" NOT NULL DEFAULT 'pending',
    "note" TEXT NOT NULL DEFAULT '',
    "proposed_by_id" UUID,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_counters" (
    "scope" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_counters_pkey" PRIMARY KEY ("scope","window","window_start")
);

-- CreateTable
CREATE TABLE "trace_spend" (
    "trace_id" TEXT NOT NULL,
    "agent_id" UUID NOT NULL,
    "guard_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "guard_tokens" BIGINT NOT NULL DEFAULT 0,
    "span_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "span_tokens" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trace_spend_pkey" PRIMARY KEY ("trace_id","agent_id")
);

-- CreateTable
CREATE TABLE "budget_alerts" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "agent_id" UUID,
    "scope" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "level" INTEGER NOT NULL,
    "limit_usd" DECIMAL(18,8),
    "limit_tokens" BIGINT,
    "spent_usd" DECIMAL(18,8) NOT NULL,
    "spent_tokens" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_extensions" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "usd" DECIMAL(18,8),
    "tokens" BIGINT,
    "decision_id" UUID,
    "granted_by_id" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_extensions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guard_sessions" (
    "agent_id" UUID NOT NULL,
    "session_id" TEXT NOT NULL,
    "actions" INTEGER NOT NULL DEFAULT 0,
    "stopped_at" TIMESTAMPTZ(3),
    "stop_reason" TEXT,
    "first_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guard_sessions_pkey" PRIMARY KEY ("agent_id","session_id")
);

-- CreateTable
CREATE TABLE "guard_calls" (
    "agent_id" UUID NOT NULL,
    "session_id" TEXT NOT NULL,
    "call_hash" TEXT NOT NULL,
    "times" TIMESTAMPTZ(3)[],
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guard_calls_pkey" PRIMARY KEY ("agent_id","session_id","call_hash")
);

-- CreateIndex
CREATE INDEX "policy_proposals_agent_id_status_created_at_idx" ON "policy_proposals"("agent_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "policy_proposals_status_created_at_idx" ON "policy_proposals"("status", "created_at");

-- CreateIndex
CREATE INDEX "trace_spend_updated_at_idx" ON "trace_spend"("updated_at");

-- CreateIndex
CREATE INDEX "budget_alerts_team_id_created_at_idx" ON "budget_alerts"("team_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "budget_alerts_created_at_idx" ON "budget_alerts"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "budget_alerts_scope_window_window_start_level_key" ON "budget_alerts"("scope", "window", "window_start", "level");

-- CreateIndex
CREATE INDEX "budget_extensions_scope_window_window_start_idx" ON "budget_extensions"("scope", "window", "window_start");

-- CreateIndex
CREATE INDEX "guard_sessions_last_at_idx" ON "guard_sessions"("last_at");

-- CreateIndex
CREATE INDEX "guard_calls_last_at_idx" ON "guard_calls"("last_at");

-- AddForeignKey
ALTER TABLE "policy_proposals" ADD CONSTRAINT "policy_proposals_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
