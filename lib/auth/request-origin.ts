import { AppError } from "../errors/app-error";

// A browser attaches the session cookie to any request for the app, whichever page made it: a form on
// another origin of the same site (another port, a sibling subdomain) included, since SameSite=Lax only
// looks at the site. So a change made with the cookie must show it came from the app's own pages:
//   - Sec-Fetch-Site, when the browser sends it, is same-origin (or none: typed by the user);
//   - Origin, when present (browsers send it on every POST/PUT/PATCH/DELETE), is the app's origin:
//     NEXTAUTH_URL's when set, else the request's own host (as Next checks server actions);
//   - the body is JSON: a cross-site HTML form can only send text/plain, urlencoded or multipart, and a
//     script on another origin sending JSON needs a CORS preflight this app never grants.
// Clients outside a browser send neither header; they pass on the content type (or on an API key,
// which route.ts handles before this).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const JSON_TYPE = /^application\/(.+\+)?json\b/i;
const USE_THE_APP = "changes made with a session cookie must come from Control Room's own pages (scripts can send an API key instead)";

export function assertSameOriginChange(method: string, headers: Headers): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("forbidden", `Cross-site request refused: the browser sent it from a ${fetchSite} page, and ${USE_THE_APP}`);
  }
  const origin = headers.get("origin");
  if (origin !== null && !isAppOrigin(origin, headers)) {
    throw new AppError("forbidden", `Cross-origin request refused: it came from ${origin}, and ${USE_THE_APP}`);
  }
  const contentType = headers.get("content-type");
  if (contentType && !JSON_TYPE.test(contentType)) {
    throw new AppError("forbidden", `Request refused: ${USE_THE_APP}, which send JSON (Content-Type: application/json), not ${contentType.split(";")[0]}`);
  }
}

function isAppOrigin(origin: string, headers: Headers): boolean {
  const configured = process.env.NEXTAUTH_URL?.trim();
  try {
    if (configured) return new URL(configured).origin === origin;
    const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
    return new URL(origin).host === host;
  } catch {
    // "null" (a sandboxed frame, a file) or a malformed URL is nobody's origin.
    return false;
  }
}
