/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time rather than bundled: WASM and native bindings; prom-client so
  // that instrumentation and every route bundle share one copy (lib/metrics/registry.ts).
  serverExternalPackages: [
    "prom-client",
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/driver-adapter-utils",
    "@node-rs/argon2",
    "pg",
  ],
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx (and the dashboard's), instead of a refusal page sent with 200.
  experimental: { authInterrupts: true },
  // The same values as lib/auth/security-headers.ts (lib/auth/security-headers.test.ts compares them).
  // Pages get their Content-Security-Policy, with a per-request script nonce, from proxy.ts (which
  // skips /metrics: a scrape is not a page).
  async headers() {
    const nonPagePolicy = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'" }];
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      { source: "/api/:path*", headers: nonPagePolicy },
      { source: "/_next/:path*", headers: nonPagePolicy },
      { source: "/metrics", headers: nonPagePolicy },
    ];
  },
  // A separate build folder lets the e2e build and a running dev server coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
