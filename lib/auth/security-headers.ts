// The headers every answer carries (see README, "Security model"). next.config.js sets the same for
// everything Next serves (a unit test keeps the two equal), proxy.ts adds each page's policy with its
// script nonce, and lib/http/node-json.ts sets them on what the production server answers itself.

export const securityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
} as const;

// Not a page (JSON, CSV, static files): nothing may run in it, load from it, or frame it.
export const nonPageContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

// A page: scripts only with this response's nonce (Next puts it on every script it renders) and what
// they load ('strict-dynamic'); styles from the app plus inline ones, which recharts and the UI
// primitives write as style attributes and a nonce cannot cover. Development adds what React's dev
// build needs (eval for its error overlay, the hot-reload socket).
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
