/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time rather than bundled: WASM and native bindings.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/driver-adapter-utils",
    "@node-rs/argon2",
    "pg",
  ],
  poweredByHeader: false,
  // A separate build folder lets the e2e build and a running dev server coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
