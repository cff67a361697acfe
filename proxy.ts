import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/auth/security-headers";

// Every page answer gets a Content-Security-Policy with a fresh script nonce. Next reads the nonce from
// the request's CSP header and puts it on the scripts it renders (every page is rendered per request:
// app/layout.tsx is force-dynamic). API routes and static files get a fixed, stricter policy from
// next.config.js instead, and skip this per-request work; so does the Prometheus scrape (/metrics).
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api/|metrics$|_next/static/|_next/image|favicon.ico).*)"],
};
