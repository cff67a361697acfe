// npm run user:create -- --email a@b.c --role admin [--name "A B"] [--teams Claims,Support] [--password …]
// Creates a user (the first admin of a new install, typically). Without --password one is generated and printed once.
import { randomBytes } from "node:crypto";
import { db } from "../lib/db/client";
import { createUser } from "../lib/users/create-user";
import { runCli } from "./cli";

await runCli(
  {
    email: { type: "string" },
    role: { type: "string", default: "admin" },
    name: { type: "string" },
    teams: { type: "string", default: "" },
    password: { type: "string" },
  },
  async (args) => {
    const email = String(args.email ?? "");
    if (!email) throw new Error("usage: npm run user:create -- --email you@example.com --role admin [--name …] [--teams Claims,Support] [--password …]");
    const teamNames = String(args.teams).split(",").map((t) => t.trim()).filter(Boolean);
    const teams = await db().team.findMany({ where: { name: { in: teamNames, mode: "insensitive" } } });
    const missing = teamNames.filter((name) => !teams.some((t) => t.name.toLowerCase() === name.toLowerCase()));
    if (missing.length) throw new Error(`Unknown team(s): ${missing.join(", ")}`);
    const generated = args.password ? undefined : randomBytes(12).toString("base64url");
    const user = await createUser({ kind: "system", label: "cli:user:create" }, {
      email,
      name: String(args.name ?? email.split("@")[0]),
      role: String(args.role),
      teamIds: teams.map((t) => t.id),
      password: String(args.password ?? generated),
    });
    console.log(`created ${user.role} ${user.email}${user.teams.length ? ` (teams: ${user.teams.map((t) => t.name).join(", ")})` : ""}`);
    if (generated) console.log(`password (shown once): ${generated}`);
  },
);
