// npm run db:migrate — apply pending migrations to DATABASE_URL (or the embedded database).
import { describeTarget } from "../lib/db/client";
import { runCli } from "./cli";

await runCli({}, async () => {
  console.log(`migrations are up to date on ${describeTarget()}`);
});
