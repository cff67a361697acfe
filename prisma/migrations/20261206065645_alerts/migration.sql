-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "agent_id" UUID,
    "team_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "metric" TEXT,
    "details" JSONB,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupe_key" TEXT NOT NULL,
    "acknowledged_by" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alerts_dedupe_key_key" ON "alerts"("dedupe_key");

-- CreateIndex
CREATE INDEX "alerts_status_opened_at_idx" ON "alerts"("status", "opened_at");

-- CreateIndex
CREATE INDEX "alerts_agent_id_opened_at_idx" ON "alerts"("agent_id", "opened_at");

-- CreateIndex
CREATE INDEX "alerts_team_id_opened_at_idx" ON "alerts"("team_id", "opened_at");
