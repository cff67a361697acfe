import { parseArgs } from "node:util";
import { closeDb } from "../lib/db/client";
import { assertEmbeddedDatabaseFree } from "../lib/db/pglite-lock";
import { prepareDatabase } from "../lib/db/prepare";

// Shared by the command-line tools: argument parsing, an up-to-date database, one clear error line.
export async function runCli(
  options: NonNullable<Parameters<typeof parseArgs>[0]>["options"],
  main: (args: Record<string, string | boolean | undefined>) => Promise<number | void>,
) {
  let code = 0;
  try {
    const { values } = parseArgs({ options, allowPositionals: false });
    assertEmbeddedDatabaseFree();
    await prepareDatabase((line) => console.log(line));
    code = (await main(values as Record<string, string | boolean | undefined>)) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    code = 1;
  } finally {
    await closeDb().catch(() => {});
  }
  process.exit(code);
}
