-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_items" (
    "id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "input" TEXT NOT NULL,
    "expected" JSONB NOT NULL DEFAULT '{}',
    "source_trace_id" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "datasets_team_id_idx" ON "datasets"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_agent_id_name_key" ON "datasets"("agent_id", "name");

-- CreateIndex
CREATE INDEX "dataset_items_dataset_id_created_at_idx" ON "dataset_items"("dataset_id", "created_at");

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
