import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors/app-error";

// GET /metrics is open when CONTROLROOM_METRICS_TOKEN is unset (as most exporters are: keep it on a
// private network); when set, a scraper sends `Authorization: Bearer <token>`. Both sides are hashed
// first so the comparison takes the same time whatever the length or the first differing byte.
export function checkScrapeToken(authorization: string | null | undefined, token = process.env.CONTROLROOM_METRICS_TOKEN?.trim()): void {
  if (!token) return;
  const sent = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(token))) {
    throw new AppError("unauthenticated", "Metrics need Authorization: Bearer <CONTROLROOM_METRICS_TOKEN>");
  }
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
