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
};

export default nextConfig;
