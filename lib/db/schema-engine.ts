import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Prisma's schema engine compiled to WASM: migrations without the native engine the CLI would download.
// The package is a bundler build, so it is instantiated here by hand (see shared/notes/offline-stack.md).

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

const filters = { externalTables: [], externalEnums: [] };
type Bindings = { SchemaEngine: { new: (o: unknown, cb: unknown, a: object) => Promise<Engine> } };

// One WASM instance per process, and one engine at work at a time: the bindings module is a
// process-wide singleton holding the instance, so a second instantiation (this file loaded twice,
// as vitest's two global setups do) swaps the instance under a running engine, and wasm-bindgen's
// state is not reentrant either. Kept on globalThis for that reason.
type EngineState = { wasm?: Promise<Bindings>; queue: Promise<unknown>; panic: string | null };
const state: EngineState = ((globalThis as { controlRoomSchemaEngine?: EngineState }).controlRoomSchemaEngine ??= {
  queue: Promise.resolve(),
  panic: null,
});

// Where the engine reports a Rust panic's message before it traps (Prisma's CLI installs the same).
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message: string) => {
    state.panic = message;
  },
};

function loadWasm() {
  state.wasm ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToUrl(bgPath));
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bindings as Bindings;
  })();
  return state.wasm;
}

/** Runs `work` after every engine call before it has settled; a panic's message replaces the bare trap. */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = state.queue.then(async () => {
    state.panic = null;
    try {
      return await work();
    } catch (error) {
      if (state.panic) throw new Error(`Prisma schema engine panicked: ${state.panic}`, { cause: error });
      throw error;
    }
  });
  state.queue = run.catch(() => undefined);
  return run;
}

function pathToUrl(file: string) {
  return new URL(`file://${path.resolve(file)}`).href;
}

export const migrationsDir = () => path.join(process.cwd(), "prisma", "migrations");
export const schemaPath = () => path.join(process.cwd(), "prisma", "schema.prisma");

export async function readMigrations(baseDir = migrationsDir()) {
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockContent = await readFile(/* turbopackIgnore: true */ lockPath, "utf8").catch(() => null);
  const entries = await readdir(/* turbopackIgnore: true */ baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(/* turbopackIgnore: true */ path.join(baseDir, dir, "migration.sql"), "utf8") },
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

async function openEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory, datamodel?: string) {
  const { SchemaEngine } = await loadWasm();
  const datamodels = datamodel ? [["schema.prisma", datamodel]] : undefined;
  const log = () => {};
  return SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(wholeScripts(adapterFactory)));
}

type ScriptRunner = { executeScript(script: string): Promise<void>; client?: { query(sql: string): Promise<unknown> }; onError?(e: unknown): never };

// adapter-pg runs a migration script by splitting it on ";", which breaks function bodies and string
// literals. Its pg client takes the whole script as one simple-protocol query instead (which Postgres
// also runs as one transaction). PGlite's adapter already runs scripts whole.
function wholeScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const patch = <T extends object>(adapter: T): T => {
    const runner = adapter as unknown as ScriptRunner;
    if (factory.adapterName === "@prisma/adapter-pg" && runner.client) {
      runner.executeScript = async (script: string) => {
        try {
          await runner.client!.query(script);
        } catch (error) {
          if (runner.onError) runner.onError(error);
          throw error;
        }
      };
    }
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

// Applies every pending migration and records it in `_prisma_migrations`; returns the names applied.
export function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return oneAtATime(async () => {
    const engine = await openEngine(adapterFactory);
    try {
      const migrationsList = await readMigrations();
      const result = await engine.applyMigrations({ migrationsList, filters });
      return result.appliedMigrationNames;
    } finally {
      engine.free();
    }
  });
}

// SQL that takes the database described by the migrations to the one described by schema.prisma.
// Empty when they agree. The adapter only serves as a shadow database (use an in-memory PGlite).
export function diffMigrationsToSchema(shadowFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return oneAtATime(async () => {
    const datamodel = await readFile(schemaPath(), "utf8");
    const engine = await openEngine(shadowFactory, datamodel);
    try {
      const migrationsList = await readMigrations();
      const from = migrationsList.migrationDirectories.length
        ? { tag: "migrations", ...migrationsList }
        : { tag: "empty" };
      const to = { tag: "schemaDatamodel", files: [{ path: schemaPath(), content: datamodel }] };
      const result = await engine.diff({ from, to, script: true, exitCode: null, filters });
      return (result.stdout ?? "").trim();
    } finally {
      engine.free();
    }
  });
}
