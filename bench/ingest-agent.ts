import { describeFailure, type AdminClient } from "../lib/simulator/admin-client";

// An agent for an ingest benchmark run and one key for it: a fresh agent unless one is named, so the
// stored count is exactly this run's spans.
export async function prepareIngestAgent(admin: AdminClient, options: { agent?: string; team?: string }): Promise<{ agent: string; key: string }> {
  let agent = options.agent;
  if (!agent) {
    agent = `bench-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
    let team = options.team;
    if (!team) {
      const teams = await admin.request("GET", "/api/v1/teams");
      team = (teams.body as { teams?: { name: string }[] }).teams?.[0]?.name;
      if (!team) throw new Error("No team to register the benchmark agent in: create one or pass --team");
    }
    const created = await admin.request("POST", "/api/v1/agents", { slug: agent, name: `Ingest benchmark ${agent}`, team });
    if (created.status !== 201) throw new Error(`Registering ${agent}: ${describeFailure(created)}`);
  }
  const key = await admin.request("POST", `/api/v1/agents/${agent}/keys`, { name: "bench-ingest" });
  if (key.status !== 201) throw new Error(`Creating a key for ${agent}: ${describeFailure(key)}`);
  return { agent, key: (key.body as { key: string }).key };
}
