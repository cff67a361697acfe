import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "../../lib/db/schema-engine";
import { assertTestDatabase } from "./database-guard";

// integration-postgres only: refuse a database not named for tests, then migrate it once for all files.
export default async function setup() {
  const url = process.env.DATABASE_URL;
  const name = assertTestDatabase(url);
  const applied = await applyMigrations(new PrismaPg({ connectionString: url, max: 2 }));
  console.log(`[integration-postgres] database "${name}": ${applied.length ? `applied ${applied.join(", ")}` : "migrations up to date"}`);
}
