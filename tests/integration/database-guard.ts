// Integration tests write users, agents and audit entries: they may only touch a database whose
// name says it is for tests (e.g. controlroom_test), never a development or production one.
export function assertTestDatabase(databaseUrl: string | undefined): string {
  if (!databaseUrl?.trim()) throw new Error("Refusing to run integration tests on Postgres: DATABASE_URL is empty");
  let name: string;
  try {
    name = decodeURIComponent(new URL(databaseUrl.trim()).pathname.replace(/^\//, ""));
  } catch {
    throw new Error("Refusing to run integration tests on Postgres: DATABASE_URL is not a valid URL");
  }
  if (!name) {
    throw new Error("Refusing to run integration tests on Postgres: DATABASE_URL names no database (add /<name>_test to it)");
  }
  if (!name.toLowerCase().includes("test")) {
    throw new Error(
      `Refusing to run integration tests on the database "${name}": its name does not contain "test". ` +
        "Point DATABASE_URL at a database for tests (e.g. controlroom_test), or unset it to use the embedded database.",
    );
  }
  return name;
}
