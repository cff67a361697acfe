import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret";
});

import type { JWT } from "next-auth/jwt";
import { authOptions } from "../../lib/auth/config";
import { db } from "../../lib/db/client";
import { updateUser } from "../../lib/users/update-user";
import type { UserPrincipal } from "../../lib/auth/principal";
import { makeTeam, makeUser } from "./helpers";

// next-auth's callbacks and events as it calls them: on sign-in (with the user), on every read of the
// session (the token alone), and on sign-out.
type JwtCallback = (params: { token: JWT; user?: { id: string }; account?: unknown }) => Promise<JWT>;
const jwt = authOptions.callbacks!.jwt as unknown as JwtCallback;
const signOut = authOptions.events!.signOut as (message: { token: JWT }) => Promise<void>;

const signIn = (user: UserPrincipal) => jwt({ token: {}, user: { id: user.userId }, account: { provider: "credentials", type: "credentials" } });
// The user a later request sees with this token, or undefined when it is signed out.
const readSession = async (token: JWT) => (await jwt({ token })).uid;

let admin: UserPrincipal;
let member: () => Promise<UserPrincipal>;
beforeAll(async () => {
  admin = await makeUser("admin", []);
  const team = await makeTeam("sessions");
  member = () => makeUser("operator", [team.id]);
});

describe("sessions", () => {
  it("records each sign-in as a session row the token names, and keeps role and teams current", async () => {
    const user = await member();
    const token = await signIn(user);
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    const row = await db().authSession.findUniqueOrThrow({ where: { id: token.sid } });
    expect(row).toMatchObject({ userId: user.userId, revokedAt: null });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    expect(token).toMatchObject({ uid: user.userId, role: "operator", teams: [{ id: user.teamIds[0] }] });

    await updateUser(admin, user.userId, { role: "reviewer" });
    expect((await jwt({ token })).role).toBe("reviewer");
  });

  it("signs out one session on sign-out and leaves the user's others", async () => {
    const user = await member();
    const [laptop, phone] = [await signIn(user), await signIn(user)];
    await signOut({ token: laptop });
    expect(await readSession(laptop)).toBeUndefined();
    expect(await readSession(phone)).toBe(user.userId);
    expect((await db().authSession.findUniqueOrThrow({ where: { id: laptop.sid } })).revokedAt).not.toBeNull();
  });

  it("ends every session of a user who is deactivated, and they stay ended after reactivation", async () => {
    const user = await member();
    const token = await signIn(user);
    await updateUser(admin, user.userId, { active: false });
    expect(await readSession(token)).toBeUndefined();
    await updateUser(admin, user.userId, { active: true });
    expect(await readSession(token)).toBeUndefined();
  });

  it("ends every session when an admin sets a new password", async () => {
    const user = await member();
    const token = await signIn(user);
    await updateUser(admin, user.userId, { password: "a brand new password" });
    expect(await readSession(token)).toBeUndefined();
  });

  it("refuses a token without a session id, with an unknown or expired one, or with another user's", async () => {
    const user = await member();
    expect(await readSession({ uid: user.userId })).toBeUndefined();
    expect(await readSession({ uid: user.userId, sid: "00000000-0000-4000-8000-000000000000" })).toBeUndefined();
    const other = await signIn(await member());
    expect(await readSession({ uid: user.userId, sid: other.sid })).toBeUndefined();
    const token = await signIn(user);
    await db().authSession.update({ where: { id: token.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await readSession(token)).toBeUndefined();
  });

  it("moves a used session's expiry on, at most once a minute", async () => {
    const user = await member();
    const token = await signIn(user);
    const soon = new Date(Date.now() + 3_600_000);
    await db().authSession.update({ where: { id: token.sid }, data: { expiresAt: soon, lastSeenAt: new Date() } });
    expect(await readSession(token)).toBe(user.userId);
    expect((await db().authSession.findUniqueOrThrow({ where: { id: token.sid } })).expiresAt).toEqual(soon);
    await db().authSession.update({ where: { id: token.sid }, data: { lastSeenAt: new Date(Date.now() - 120_000) } });
    expect(await readSession(token)).toBe(user.userId);
    expect((await db().authSession.findUniqueOrThrow({ where: { id: token.sid } })).expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
  });
});
