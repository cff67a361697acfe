import { db, type Tx } from "../db/client";
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, LOGIN_WINDOW_MINUTES, MAX_ACCOUNT_LOCK_MINUTES } from "./login-limits";

// Failed sign-ins, counted in the database (so replicas share them) per client and per account. Each
// attempt reserves its failure in one atomic statement BEFORE the password is checked, and a refused
// reservation means the password is not checked at all: parallel guesses serialise on the row, so no
// more than the limit are ever checked. A success gives the reservation back.

const WINDOW_SECONDS = LOGIN_WINDOW_MINUTES * 60;
const clientKey = (client: string) => `client:${client}`;
const accountKey = (email: string) => `account:${email}`;

// A fixed window from the client's first failure; the reservation is refused once the window holds
// CLIENT_FAILURE_LIMIT failures. Returns the window's start (to give the reservation back), or null.
export async function reserveClientAttempt(client: string): Promise<Date | null> {
  const [row] = await db().$queryRawUnsafe<{ windowStart: Date }[]>(
    `INSERT INTO login_throttles AS t (key, failures, window_start) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_start <= now() - make_interval(secs => $3::float8) THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $3::float8) THEN now() ELSE t.window_start END
     WHERE t.window_start <= now() - make_interval(secs => $3::float8) OR t.failures < $2::int
     RETURNING window_start AS "windowStart"`,
    clientKey(client),
    CLIENT_FAILURE_LIMIT,
    WINDOW_SECONDS,
  );
  purgeNow();
  return row?.windowStart ?? null;
}

// The attempt succeeded (or was never checked): it was not a failure. Only the one reservation goes back,
// so an attacker signing in to an account of their own between guesses gains nothing.
export async function releaseClientAttempt(client: string, windowStart: Date): Promise<void> {
  await db().$executeRawUnsafe(
    `UPDATE login_throttles SET failures = failures - 1 WHERE key = $1 AND window_start = $2 AND failures > 0`,
    clientKey(client),
    windowStart,
  );
}

// The account's failures restart with a new window; reaching ACCOUNT_FAILURE_LIMIT locks it for the
// window's length, doubling with each further lock within a day (up to MAX_ACCOUNT_LOCK_MINUTES). A
// locked account's attempts are refused (false) and not counted. Unknown emails are counted alike, so
// the lock tells nobody which accounts exist.
const restart = `(t.window_start <= now() - make_interval(secs => $3::float8) OR t.failures >= $2::int)`;
const nextFailures = `CASE WHEN ${restart} THEN 1 ELSE t.failures + 1 END`;
const nextLockouts = `CASE WHEN t.locked_until > now() - interval '1 day' THEN t.lockouts + 1 ELSE 1 END`;

export async function reserveAccountAttempt(email: string): Promise<boolean> {
  const rows = await db().$queryRawUnsafe<{ failures: number }[]>(
    `INSERT INTO login_throttles AS t (key, failures, window_start) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = ${nextFailures},
       window_start = CASE WHEN ${restart} THEN now() ELSE t.window_start END,
       lockouts = CASE WHEN ${nextFailures} >= $2::int THEN ${nextLockouts} ELSE t.lockouts END,
       locked_until = CASE WHEN ${nextFailures} >= $2::int
         THEN now() + make_interval(secs => least($3::float8 * power(2, ${nextLockouts} - 1), $4::float8))
         ELSE t.locked_until END
     WHERE t.locked_until IS NULL OR t.locked_until <= now()
     RETURNING failures`,
    accountKey(email),
    ACCOUNT_FAILURE_LIMIT,
    WINDOW_SECONDS,
    MAX_ACCOUNT_LOCK_MINUTES * 60,
  );
  return rows.length > 0;
}

// The right password, or an admin's password reset: the account starts over, unlocked.
export async function clearAccountFailures(email: string, client: Tx = db()): Promise<void> {
  await client.loginThrottle.deleteMany({ where: { key: accountKey(email) } });
}

// Rows whose window and lock ended over a day ago say nothing any more (a lock's end is kept a day to
// escalate the next one). Swept at most hourly per process, after a sign-in attempt.
let lastPurge = 0;
function purgeNow() {
  if (Date.now() - lastPurge < 3_600_000) return;
  lastPurge = Date.now();
  void db()
    .$executeRawUnsafe(
      `DELETE FROM login_throttles WHERE window_start < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now() - interval '1 day')`,
    )
    .catch((error: unknown) => console.error("[control-room] could not purge old login throttles", error));
}
