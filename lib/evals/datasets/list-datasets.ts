import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { teamAccess } from "../../auth/team-access";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { listDatasetsQuerySchema, type DatasetView } from "./schemas";
import { datasetInclude, toDatasetView } from "./dataset-view";

// The datasets of the principal's teams (or of one agent of them), by agent then name.
export async function listDatasets(principal: Principal, rawQuery: unknown = {}): Promise<DatasetView[]> {
  assertCan(principal, "datasets:read");
  const query = listDatasetsQuerySchema.parse(rawQuery ?? {});
  const agent = query.agent ? await findAgentForPrincipal(db(), principal, query.agent) : null;
  const rows = await db().dataset.findMany({
    where: { ...teamAccess(principal).where(), ...(agent ? { agentId: agent.id } : {}) },
    include: datasetInclude,
    orderBy: [{ agent: { slug: "asc" } }, { name: "asc" }],
  });
  return rows.map(toDatasetView);
}
