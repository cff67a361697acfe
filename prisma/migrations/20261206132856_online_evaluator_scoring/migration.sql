-- AlterTable
ALTER TABLE "online_evaluators" ADD COLUMN     "drift" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "judge_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_error" TEXT,
ADD COLUMN     "lease_token" UUID,
ADD COLUMN     "lease_until" TIMESTAMPTZ(3),
ADD COLUMN     "scored_trace_id" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "scored_until" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "online_scores_evaluator_id_trace_at_idx" ON "online_scores"("evaluator_id", "trace_at");
