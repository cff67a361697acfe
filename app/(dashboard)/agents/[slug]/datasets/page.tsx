import { CreateDatasetForm } from "@/components/datasets/create-dataset-form";
import { DatasetsList } from "@/components/datasets/datasets-list";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listDatasets } from "@/lib/evals/datasets/list-datasets";
import type { DatasetRow } from "@/lib/evals/datasets/queries";

export const metadata = { title: "Datasets" };

// The agent's evaluation datasets: the cases its versions are tested on.
export default async function AgentDatasetsPage({ params }: { params: Promise<{ slug: string }> }) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  // The list retries from the browser and shows its error state if it still fails.
  const datasets = await listDatasets(principal, { agent: slug }).catch((error: unknown): DatasetRow[] | null => {
    console.error("[control-room] datasets first paint failed", error);
    return null;
  });
  const canManage = roleCan(principal.role, "datasets:manage");
  return (
    <section aria-label="Datasets" className="flex flex-col gap-4">
      <h2 className="sr-only">Datasets</h2>
      {canManage ? <CreateDatasetForm slug={slug} /> : null}
      <DatasetsList slug={slug} initialData={datasets} canManage={canManage} />
    </section>
  );
}
