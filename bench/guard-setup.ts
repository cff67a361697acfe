import { randomUUID } from "node:crypto";
import pg from "pg";
import { connectAdmin, describeFailure, type AdminClient, type AdminCredentials } from "../lib/simulator/admin-client";
import { policyDocumentSchema, type PolicyDocumentInput } from "../lib/policies/document-schema";
import { benchPolicyDocuments } from "./guard-policy";

export type GuardBenchAgent = { agent: string; keys: string[]; policiesVia: string };

// A fresh agent for the run, registered, given its policies and keyed over the management API as an
// admin (PUT /api/v1/agents/{slug}/policies/{scope}). A server without the policies API (404) gets the
// documents written straight into DATABASE_URL instead: it reads an agent's policies on its first call.
export async function prepareGuardAgent(baseUrl: string, credentials: AdminCredentials, keyCount: number, team?: string): Promise<GuardBenchAgent> {
  const admin = await connectAdmin(baseUrl, credentials);
  const agent = `bench-guard-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
  let teamName = team;
  if (!teamName) {
    const teams = await admin.request("GET", "/api/v1/teams");
    teamName = (teams.body as { teams?: { name: string }[] }).teams?.[0]?.name;
    if (!teamName) throw new Error("No team to register the benchmark agent in: create one or pass --team");
  }
  const created = await admin.request("POST", "/api/v1/agents", { slug: agent, name: `Guard benchmark ${agent}`, team: teamName });
  if (created.status !== 201) throw new Error(`Registering ${agent}: ${describeFailure(created)}`);

  const policiesVia = await savePolicies(admin, agent);

  const keys: string[] = [];
  for (let index = 0; index < keyCount; index++) {
    const key = await admin.request("POST", `/api/v1/agents/${agent}/keys`, { name: `bench-guard-${index + 1}` });
    if (key.status !== 201) throw new Error(`Creating key ${index + 1} for ${agent}: ${describeFailure(key)}`);
    keys.push((key.body as { key: string }).key);
  }
  return { agent, keys, policiesVia };
}

const scopeKey = ({ scope }: PolicyDocumentInput) =>
  [scope.workflow && `workflow:${scope.workflow}`, scope.decisionType && `decisionType:${scope.decisionType}`].filter(Boolean).join("+") || "agent";

async function savePolicies(admin: AdminClient, agent: string): Promise<string> {
  for (const document of benchPolicyDocuments(agent)) {
    const path = `/api/v1/agents/${agent}/policies/${encodeURIComponent(scopeKey(document))}`;
    const saved = await admin.request("PUT", path, { document, baseVersion: null, note: "guard benchmark" });
    if (saved.status === 404 && (saved.body as { error?: { code?: string } } | null)?.error?.code !== "not_found") {
      const databaseUrl = process.env.DATABASE_URL?.trim();
      if (!databaseUrl) throw new Error("This server has no policies API: set DATABASE_URL to its database and the benchmark writes the policies there");
      await writePolicies(databaseUrl, agent);
      return "SQL on DATABASE_URL (server has no policies API)";
    }
    if (saved.status !== 200 && saved.status !== 201) throw new Error(`PUT ${path}: ${describeFailure(saved)}`);
  }
  return "policies API";
}

async function writePolicies(databaseUrl: string, agent: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query<{ id: string }>("SELECT id FROM agents WHERE slug = $1", [agent]);
    if (found.rowCount !== 1) throw new Error(`Agent ${agent} is not in ${new URL(databaseUrl).pathname.slice(1)}: does DATABASE_URL name the server's database?`);
    const agentId = found.rows[0].id;
    for (const input of benchPolicyDocuments(agent)) {
      const document = policyDocumentSchema.parse(input);
      await client.query(
        `INSERT INTO policies (id, agent_id, workflow, decision_type, document, version, updated_at) VALUES ($1, $2, $3, $4, $5, 1, now())`,
        [randomUUID(), agentId, document.scope.workflow ?? "", document.scope.decisionType ?? "", JSON.stringify(document)],
      );
    }
  } finally {
    await client.end();
  }
}
