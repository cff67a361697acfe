import { createHash } from "node:crypto";
import { Prisma } from "../../generated/prisma/client";

// Which live traces an online evaluator scores: those whose trace id hashes below its sample rate. The
// hash (the first 32 bits of md5(trace id), as a share of 2^32) depends on the trace id alone, so every
// replica, and every re-read after a restart, picks the same traces; evaluators of the same agent at the
// same rate score the same traces, so their scores compare trace for trace. The SQL and this function
// compute the same number (tests/integration/online-evaluators.test.ts checks them against each other).

export function sampleKey(traceId: string): number {
  return parseInt(createHash("md5").update(traceId).digest("hex").slice(0, 8), 16) / 2 ** 32;
}

export const isSampled = (traceId: string, sampleRate: number) => sampleKey(traceId) < sampleRate;

/** sampleKey of `traces t` in SQL. */
export const sampleKeySql = Prisma.sql`(('x' || substr(md5(t.trace_id), 1, 8))::bit(32)::bigint::float8 / 4294967296.0)`;
