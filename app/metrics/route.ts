// GET /metrics — Prometheus scrape of this process's metrics (Bearer CONTROLROOM_METRICS_TOKEN when set; open when unset)
import { toErrorResponse } from "@/lib/http/error-response";
import { checkScrapeToken } from "@/lib/metrics/scrape-token";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Plain text, not the JSON route wrapper: a scraper sends no session or API key, only the metrics token.
export async function GET(request: Request): Promise<Response> {
  try {
    checkScrapeToken(request.headers.get("authorization"));
    const { body, contentType } = await scrapeMetrics();
    return new Response(body, { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (error) {
    const { status, body, headers } = toErrorResponse(error);
    if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="metrics"';
    return Response.json(body, { status, headers });
  }
}
