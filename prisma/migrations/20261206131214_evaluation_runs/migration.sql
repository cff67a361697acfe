-- CreateEnum
CREATE TYPE "eval_run_status" AS ENUM ('running', 'passed', 'failed');

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "eval_item_id" TEXT,
ADD COLUMN     "eval_run_id" TEXT;

-- CreateTable
CREATE TABLE "eval_suites" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "evaluators" JSONB NOT NULL,
    "pass_rate" DOUBLE PRECISION NOT NULL,
    "gating" BOOLEAN NOT NULL DEFAULT false,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "eval_suites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "eval_runs" (
    "id" UUID NOT NULL,
    "suite_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "version_label" TEXT NOT NULL,
    "gating" BOOLEAN NOT NULL DEFAULT false,
    "evaluators" JSONB NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "status" "eval_run_status" NOT NULL DEFAULT 'running',
    "pass_rate" DOUBLE PRECISION,
    "scores" JSONB,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "eval_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "eval_run_items" (
    "run_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "input" TEXT NOT NULL,
    "expected" JSONB NOT NULL DEFAULT '{}',
    "output" TEXT,
    "outcome" TEXT,
    "trace_id" TEXT,
    "reported_at" TIMESTAMPTZ(3),
    "passed" BOOLEAN,
    "scores" JSONB,

    CONSTRAINT "eval_run_items_pkey" PRIMARY KEY ("run_id","item_id")
);

-- CreateTable
CREATE TABLE "online_evaluators" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "evaluator" JSONB NOT NULL,
    "sample_rate" DOUBLE PRECISION NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "online_evaluators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "online_scores" (
    "evaluator_id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "agent_id" UUID NOT NULL,
    "version" TEXT,
    "passed" BOOLEAN NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "trace_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "online_scores_pkey" PRIMARY KEY ("evaluator_id","trace_id")
);

-- CreateIndex
CREATE INDEX "eval_suites_team_id_idx" ON "eval_suites"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "eval_suites_agent_id_name_key" ON "eval_suites"("agent_id", "name");

-- CreateIndex
CREATE INDEX "eval_runs_suite_id_version_id_completed_at_idx" ON "eval_runs"("suite_id", "version_id", "completed_at" DESC);

-- CreateIndex
CREATE INDEX "eval_runs_agent_id_created_at_idx" ON "eval_runs"("agent_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "eval_run_items_trace_id_idx" ON "eval_run_items"("trace_id");

-- CreateIndex
CREATE UNIQUE INDEX "online_evaluators_agent_id_name_key" ON "online_evaluators"("agent_id", "name");

-- CreateIndex
CREATE INDEX "online_scores_agent_id_created_at_idx" ON "online_scores"("agent_id", "created_at");

-- CreateIndex
CREATE INDEX "traces_eval_run_id_idx" ON "traces"("eval_run_id");

-- AddForeignKey
ALTER TABLE "eval_suites" ADD CONSTRAINT "eval_suites_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eval_suites" ADD CONSTRAINT "eval_suites_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_suite_id_fkey" FOREIGN KEY ("suite_id") REFERENCES "eval_suites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "agent_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eval_run_items" ADD CONSTRAINT "eval_run_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "eval_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "online_evaluators" ADD CONSTRAINT "online_evaluators_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "online_scores" ADD CONSTRAINT "online_scores_evaluator_id_fkey" FOREIGN KEY ("evaluator_id") REFERENCES "online_evaluators"("id") ON DELETE CASCADE ON UPDATE CASCADE;
