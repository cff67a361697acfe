-- AlterTable
ALTER TABLE "guard_decisions" ADD COLUMN     "final_reasons" JSONB;

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "database" TEXT NOT NULL,
    "last_seq" BIGINT NOT NULL,
    "entries" BIGINT NOT NULL,
    "head_hash" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_checkpoints_signature_key" ON "audit_checkpoints"("signature");

-- CreateIndex
CREATE INDEX "audit_checkpoints_last_seq_idx" ON "audit_checkpoints"("last_seq");

-- TRUNCATE fires no row trigger: without this statement-level one it emptied the append-only log.
CREATE TRIGGER "audit_entries_no_truncate"
  BEFORE TRUNCATE ON "audit_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_append_only"();

-- Checkpoints are append-only too. (Their real protection is the signature and the anchor file: a
-- superuser can bypass triggers, but cannot sign without the key, nor reach the file.)
CREATE FUNCTION "audit_checkpoints_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_checkpoints_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "audit_checkpoints_append_only"();

CREATE TRIGGER "audit_checkpoints_no_truncate"
  BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoints_append_only"();

-- The approval history (/approvals, recently decided): only holds someone decided have decided_at, a
-- small part of the table, so the index leaves every other guard decision out.
CREATE INDEX "guard_decisions_decided_at_idx" ON "guard_decisions"("decided_at") WHERE "decided_at" IS NOT NULL;
