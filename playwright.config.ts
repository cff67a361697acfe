import { defineConfig } from "@playwright/test";

// E2E runs the production build (npm run build first) in Debian's Chromium. With DATABASE_URL set
// (CI) the server runs on that Postgres in demo mode; otherwise on a fresh embedded database.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = ".data/e2e/pg";
// A real OpenID Connect provider (scripts/oidc-dev-provider.mjs) beside the app: single sign-on is on
// for every spec, as in a deployment that has it (the email/password form stays), and e2e/sso.spec.ts
// signs in through it.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 1);
const oidcIssuer = `http://localhost:${oidcPort}`;

export default defineConfig({
  testDir: "e2e",
  // Two browsers, the server and PostgreSQL share 2 cores in CI: every step of a long flow took 2–10 s
  // in some runs. The timeouts bound a stuck test; they do not measure speed.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    // Pages ask for reduced motion (app/globals.css honours it): an endless CSS animation (the live
    // indicator's pulse, a skeleton's shimmer) otherwise makes headless Chromium composite frames
    // without pause, in software, and two browsers doing so took most of CI's two cores.
    reducedMotion: "reduce",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: `node scripts/oidc-dev-provider.mjs -p ${oidcPort} --app ${baseURL}`,
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: !process.env.CI,
      stdout: "ignore",
    },
    {
      command: process.env.DATABASE_URL ? `node scripts/serve.mjs -p ${port}` : `rm -rf .data/e2e && node scripts/serve.mjs -p ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        CONTROLROOM_DEMO: "1",
        CONTROLROOM_SIMULATOR: "off",
        // The claims agent's past is sent in the background once the server answers (the drift story's
        // alert), in its small size: 1,900 tasks instead of 4,500 (lib/demo/demo-history.ts).
        CONTROLROOM_DEMO_HISTORY: process.env.CONTROLROOM_DEMO_HISTORY ?? "small",
        NEXTAUTH_URL: baseURL,
        CONTROLROOM_RATE_LIMIT: process.env.CONTROLROOM_RATE_LIMIT ?? "5",
        // Beside the e2e database, so a reset database does not meet the checkpoints of an earlier one.
        CONTROLROOM_AUDIT_ANCHOR_FILE: ".data/e2e/audit-anchors.jsonl",
        ...(process.env.DATABASE_URL ? {} : { CONTROLROOM_DATA_DIR: dataDir }),
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: "control-room",
        OIDC_CLIENT_SECRET: "control-room-dev-secret",
        OIDC_NAME: "Dev SSO",
        OIDC_SCOPES: "openid email profile groups",
        OIDC_ROLE_MAP: "cr-admins=admin,cr-reviewers=reviewer",
        OIDC_DEFAULT_ROLE: "operator",
      },
    },
  ],
});
