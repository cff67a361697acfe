-- CreateEnum
CREATE TYPE "GuardVerdict" AS ENUM ('allow', 'deny', 'hold');

-- CreateEnum
CREATE TYPE "GuardDecisionStatus" AS ENUM ('pending', 'decided', 'expired');

-- CreateTable
CREATE TABLE "policies" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "workflow" TEXT NOT NULL DEFAULT '',
    "decision_type" TEXT NOT NULL DEFAULT '',
    "document" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_versions" (
    "policy_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_versions_pkey" PRIMARY KEY ("policy_id","version")
);

-- CreateTable
CREATE TABLE "guard_decisions" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "session_id" TEXT NOT NULL,
    "trace_id" TEXT,
    "span_id" TEXT,
    "check" TEXT NOT NULL,
    "workflow" TEXT,
    "decision_type" TEXT,
    "verdict" "GuardVerdict" NOT NULL,
    "status" "GuardDecisionStatus" NOT NULL DEFAULT 'decided',
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "request" JSONB NOT NULL DEFAULT '{}',
    "policy_version" TEXT,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "final_verdict" "GuardVerdict",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guard_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policies_agent_id_workflow_decision_type_key" ON "policies"("agent_id", "workflow", "decision_type");

-- CreateIndex
CREATE INDEX "guard_decisions_status_created_at_idx" ON "guard_decisions"("status", "created_at");

-- CreateIndex
CREATE INDEX "guard_decisions_agent_id_created_at_idx" ON "guard_decisions"("agent_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "guard_decisions_session_id_created_at_idx" ON "guard_decisions"("session_id", "created_at");

-- CreateIndex
CREATE INDEX "guard_decisions_trace_id_idx" ON "guard_decisions"("trace_id");

-- AddForeignKey
ALTER TABLE "policies" ADD CONSTRAINT "policies_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
