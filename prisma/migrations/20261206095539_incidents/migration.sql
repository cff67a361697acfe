-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'resolved');

-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "alert_id" UUID,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opened_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,
    "summary" TEXT,
    "change_point_at" TIMESTAMPTZ(3),

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incidents_alert_id_key" ON "incidents"("alert_id");

-- CreateIndex
CREATE INDEX "incidents_team_id_opened_at_idx" ON "incidents"("team_id", "opened_at");

-- CreateIndex
CREATE INDEX "incidents_agent_id_opened_at_idx" ON "incidents"("agent_id", "opened_at");

-- CreateIndex
CREATE INDEX "incidents_status_resolved_at_idx" ON "incidents"("status", "resolved_at");
