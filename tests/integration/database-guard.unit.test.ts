import { describe, expect, it } from "vitest";
import { assertTestDatabase } from "./database-guard";

describe("assertTestDatabase", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/controlroom_test",
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgres://u:p@db:5432/TEST_controlroom?sslmode=disable",
    "postgresql://postgres@127.0.0.1/controlroom_vitest_test",
  ])("accepts %s", (url) => {
    expect(assertTestDatabase(url)).toMatch(/test/i);
  });

  it("returns the database name", () => {
    expect(assertTestDatabase("postgresql://postgres@localhost:5432/controlroom_test?schema=public")).toBe("controlroom_test");
  });

  it.each([
    "postgresql://postgres@127.0.0.1:5432/controlroom",
    "postgresql://postgres@127.0.0.1:5432/postgres",
    // "test" only in the user, host or query must not count.
    "postgresql://test:test@test-host:5432/production?application_name=test",
  ])("refuses %s", (url) => {
    expect(() => assertTestDatabase(url)).toThrow(/does not contain "test"/);
  });

  it("refuses a URL without a database name, an invalid URL and an empty one", () => {
    expect(() => assertTestDatabase("postgresql://postgres@127.0.0.1:5432")).toThrow(/names no database/);
    expect(() => assertTestDatabase("not a url")).toThrow(/not a valid URL/);
    expect(() => assertTestDatabase("")).toThrow(/empty/);
    expect(() => assertTestDatabase(undefined)).toThrow(/empty/);
  });
});
