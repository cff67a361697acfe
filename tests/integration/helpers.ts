import { randomBytes } from "node:crypto";
import { db } from "../../lib/db/client";
import type { Role } from "../../lib/auth/roles";
import type { SystemPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { AppError, type ErrorCode } from "../../lib/errors/app-error";
import { createTeam } from "../../lib/teams/manage-team";
import { createAgent } from "../../lib/agents/create-agent";

// Tests never rely on a clean database (Postgres keeps rows between runs): everything a test uses is
// created here under a random suffix.

export const onPostgres = process.env.CONTROLROOM_TEST_TARGET === "postgres";
export const onPglite = process.env.CONTROLROOM_TEST_TARGET === "pglite";

// Lowercase letters and digits: valid in slugs, team names and emails.
export const unique = () => `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;

export const system: SystemPrincipal = { kind: "system", label: "integration-test" };

export type TestTeam = { id: string; name: string };

export async function makeTeam(prefix = "team"): Promise<TestTeam> {
  const team = await createTeam(system, { name: `${prefix}-${unique()}` });
  return { id: team.id, name: team.name };
}

// A user row (no password) and the principal its session would carry.
export async function makeUser(role: Role, teamIds: string[] = [], name: string = role): Promise<UserPrincipal> {
  const email = `${name}-${unique()}@test.local`;
  const user = await db().user.create({
    data: { email, name: `Test ${name}`, role, memberships: { create: teamIds.map((teamId) => ({ teamId })) } },
  });
  return { kind: "user", userId: user.id, email: user.email, name: user.name, role, teamIds, via: "session" };
}

export async function makeAgent(team: TestTeam, overrides: { slug?: string; name?: string; description?: string } = {}) {
  const slug = overrides.slug ?? `agent-${unique()}`;
  return createAgent(system, { slug, name: overrides.name ?? `Agent ${slug}`, team: team.id, description: overrides.description ?? "" });
}

// Audit entries about one target, oldest first.
export const auditOf = (targetId: string) =>
  db().auditEntry.findMany({ where: { targetId }, orderBy: { seq: "asc" } });

// The AppError a promise rejects with (fails the test if it resolves or throws something else).
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`Expected an AppError, got: ${String(error)}`);
  }
  throw new Error("Expected an AppError, but the call succeeded");
}

export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await appErrorOf(promise);
  if (error.code !== code) throw new Error(`Expected AppError "${code}", got "${error.code}": ${error.message}`);
  return error;
}
