-- CreateTable
CREATE TABLE "pending_span_events" (
    "id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "span_id" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "events" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_span_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pending_span_events_trace_id_span_id_idx" ON "pending_span_events"("trace_id", "span_id");

-- CreateIndex
CREATE INDEX "pending_span_events_received_at_idx" ON "pending_span_events"("received_at");
