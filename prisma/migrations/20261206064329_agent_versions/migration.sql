-- CreateEnum
CREATE TYPE "VersionStage" AS ENUM ('development', 'staging', 'canary', 'production', 'retired');

-- CreateEnum
CREATE TYPE "PromotionStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "canary_settings" JSONB;

-- AlterTable
ALTER TABLE "guard_decisions" ADD COLUMN     "version" TEXT;

-- AlterTable
ALTER TABLE "spans" ADD COLUMN     "version" TEXT;

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "version" TEXT;

-- CreateTable
CREATE TABLE "agent_versions" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "knowledge_base" JSONB,
    "tools" JSONB NOT NULL DEFAULT '[]',
    "policy_version" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_by_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stage" "VersionStage" NOT NULL DEFAULT 'development',
    "traffic_percent" INTEGER NOT NULL DEFAULT 0,
    "stage_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ungated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "agent_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_requests" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "to_stage" "VersionStage" NOT NULL,
    "status" "PromotionStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL DEFAULT '',
    "ungated" BOOLEAN NOT NULL DEFAULT false,
    "requested_by_id" UUID,
    "requested_by_label" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_by_label" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,

    CONSTRAINT "promotion_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_events" (
    "id" BIGSERIAL NOT NULL,
    "agent_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "version_id" UUID,
    "label" TEXT NOT NULL,
    "from_label" TEXT,
    "from_stage" TEXT,
    "to_stage" TEXT,
    "canary_percent" INTEGER,
    "by_id" TEXT,
    "by_label" TEXT NOT NULL,
    "reason" TEXT,
    "ungated" BOOLEAN NOT NULL DEFAULT false,
    "request_id" UUID,
    "details" JSONB,

    CONSTRAINT "deployment_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "version_sessions" (
    "agent_id" UUID NOT NULL,
    "session_id" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "first_served_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "version_sessions_pkey" PRIMARY KEY ("agent_id","session_id")
);

-- CreateIndex
CREATE INDEX "agent_versions_agent_id_stage_idx" ON "agent_versions"("agent_id", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "agent_versions_agent_id_number_key" ON "agent_versions"("agent_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "agent_versions_agent_id_label_key" ON "agent_versions"("agent_id", "label");

-- CreateIndex
CREATE INDEX "promotion_requests_status_requested_at_idx" ON "promotion_requests"("status", "requested_at");

-- CreateIndex
CREATE INDEX "promotion_requests_agent_id_status_idx" ON "promotion_requests"("agent_id", "status");

-- CreateIndex
CREATE INDEX "deployment_events_agent_id_at_idx" ON "deployment_events"("agent_id", "at");

-- CreateIndex
CREATE INDEX "version_sessions_version_id_idx" ON "version_sessions"("version_id");

-- CreateIndex
CREATE INDEX "version_sessions_first_served_at_idx" ON "version_sessions"("first_served_at");

-- CreateIndex
CREATE INDEX "traces_agent_id_version_start_time_idx" ON "traces"("agent_id", "version", "start_time" DESC);

-- AddForeignKey
ALTER TABLE "agent_versions" ADD CONSTRAINT "agent_versions_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "version_sessions" ADD CONSTRAINT "version_sessions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "agent_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one production and one canary version per agent: two concurrent promotions cannot both win.
CREATE UNIQUE INDEX "agent_versions_one_production" ON "agent_versions"("agent_id") WHERE "stage" = 'production';
CREATE UNIQUE INDEX "agent_versions_one_canary" ON "agent_versions"("agent_id") WHERE "stage" = 'canary';

-- A version is immutable: only its place on the path may change, and it is never deleted while its
-- agent exists (deleting the agent cascades). No route offers an edit; this holds against any writer.
CREATE FUNCTION "agent_versions_immutable"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM "agents" WHERE "id" = OLD."agent_id") THEN
      RAISE EXCEPTION 'agent_versions are immutable (DELETE refused)';
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW."id", NEW."agent_id", NEW."number", NEW."label", NEW."prompt", NEW."model", NEW."params",
      NEW."knowledge_base", NEW."tools", NEW."policy_version", NEW."message", NEW."created_by_id",
      NEW."created_by_label", NEW."created_at")
     IS DISTINCT FROM
     (OLD."id", OLD."agent_id", OLD."number", OLD."label", OLD."prompt", OLD."model", OLD."params",
      OLD."knowledge_base", OLD."tools", OLD."policy_version", OLD."message", OLD."created_by_id",
      OLD."created_by_label", OLD."created_at") THEN
    RAISE EXCEPTION 'agent_versions are immutable (only stage and traffic may change)';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "agent_versions_immutable"
  BEFORE UPDATE OR DELETE ON "agent_versions"
  FOR EACH ROW EXECUTE FUNCTION "agent_versions_immutable"();
