import { prepareDatabase, DatabaseUnreachableError } from "../db/prepare";
import { db, describeTarget } from "../db/client";
import { DEMO_PASSWORD, demoUsers, isDemoMode } from "../demo/demo-mode";
import { seedDemo } from "../../prisma/seed";
import { holdEmbeddedDatabase } from "../db/pglite-lock";
import { ensureDefaultPrices } from "../costs/load-prices";
import { startEventListener } from "../events/listen-for-events";
import { startJobs } from "../events/jobs";
import "../subscriptions";
import { registerShutdownHooks } from "./stop-control-room";

// Runs once when the server starts: reach the database, apply pending migrations, listen for other
// replicas' events, seed the demo organisation in demo mode, start every domain's jobs
// (lib/subscriptions.ts), and tell the console where to go.
export async function startControlRoom(): Promise<void> {
  const log = (line: string) => console.log(`[control-room] ${line}`);
  try {
    log(`database: ${describeTarget()}`);
    holdEmbeddedDatabase();
    await prepareDatabase(log);
    await startEventListener(log);
    const seededPrices = await ensureDefaultPrices();
    if (seededPrices) log(`price table seeded with ${seededPrices} models`);
    const demo = isDemoMode();
    if (demo) {
      const { created } = await seedDemo();
      if (created) log(`demo organisation seeded (${created} records)`);
    }
    await startJobs(log);
    registerShutdownHooks();
    const url = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    log(`ready on ${url}`);
    if (demo) {
      log(`demo logins (password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.email).join(", ")}`);
      startDemoFleet(log);
    } else if ((await db().user.count()) === 0) {
      log(`no users yet: open ${url}/setup to create the first admin, or run npm run user:create -- --email you@example.com --role admin`);
    }
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

// The simulated fleet sends OTLP to this server once it listens (CONTROLROOM_SIMULATOR=off disables it).
// Loaded lazily so the OpenTelemetry SDK is only loaded in demo mode; a failure is logged, never thrown.
function startDemoFleet(log: (line: string) => void) {
  import("../simulator/start-with-server")
    .then(({ startDemoFleetWithServer }) => startDemoFleetWithServer(log))
    .catch((error: unknown) => log(`demo fleet not started: ${(error as Error).message}`));
}
