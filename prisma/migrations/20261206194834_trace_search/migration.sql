-- Trace search: text in span inputs and outputs, matched as substrings (ILIKE '%…%') through a trigram
-- index. pg_trgm is a trusted extension on PostgreSQL 13+ (a database owner may create it) and an
-- extension module of PGlite (loaded by lib/db/pglite-options.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex (IF NOT EXISTS: a large database may have built it beforehand with CREATE INDEX CONCURRENTLY)
CREATE INDEX IF NOT EXISTS "spans_text_trgm_idx" ON "spans" USING GIN ("input" gin_trgm_ops, "output" gin_trgm_ops);
