-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "completed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "drift_states" (
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'collecting_baseline',
    "baseline_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "baseline_tasks" INTEGER NOT NULL DEFAULT 1000,
    "baseline_days" INTEGER NOT NULL DEFAULT 7,
    "baseline" JSONB NOT NULL DEFAULT '{}',
    "monitors" JSONB NOT NULL DEFAULT '{}',
    "extra_outcomes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "models_seen" JSONB NOT NULL DEFAULT '{}',
    "task_watermark" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision_watermark" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drift_states_pkey" PRIMARY KEY ("agent_id")
);

-- CreateTable
CREATE TABLE "model_changes" (
    "id" BIGSERIAL NOT NULL,
    "agent_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "version" TEXT,
    "from_model" TEXT NOT NULL,
    "to_model" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "drift_states_team_id_idx" ON "drift_states"("team_id");

-- CreateIndex
CREATE INDEX "model_changes_agent_id_at_idx" ON "model_changes"("agent_id", "at");

-- CreateIndex
CREATE INDEX "traces_agent_id_completed_at_idx" ON "traces"("agent_id", "completed_at");

-- An agent's drift state and model changes go with it.
ALTER TABLE "drift_states" ADD CONSTRAINT "drift_states_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_changes" ADD CONSTRAINT "model_changes_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
