import type { Metadata } from "next";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddItemDialog } from "@/components/datasets/add-item-dialog";
import { DatasetItems } from "@/components/datasets/dataset-items";
import { ImportJsonlDialog } from "@/components/datasets/import-jsonl-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { isUuid } from "@/lib/db/ids";
import { listDatasetItems } from "@/lib/evals/datasets/list-dataset-items";
import { listDatasets } from "@/lib/evals/datasets/list-datasets";
import { ITEMS_PAGE_SIZE, type ItemsPage } from "@/lib/evals/datasets/queries";

export const metadata: Metadata = { title: "Dataset" };

// One dataset of the agent: its items, and (for developers and admins) adding, editing, importing.
export default async function DatasetPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const principal = await requirePrincipal();
  const { slug, id } = await params;
  // The layout already refused a missing agent or another team's; a dataset of another agent is not here.
  const dataset = isUuid(id) ? (await listDatasets(principal, { agent: slug })).find((candidate) => candidate.id === id) : undefined;
  if (!dataset) notFound();
  const firstPage = await listDatasetItems(principal, dataset.id, { limit: ITEMS_PAGE_SIZE }).catch((error: unknown): ItemsPage | null => {
    console.error("[control-room] dataset items first paint failed", error);
    return null;
  });
  const canManage = roleCan(principal.role, "datasets:manage");
  return (
    <section aria-labelledby="dataset-title" className="flex flex-col gap-3">
      <Link href={`/agents/${slug}/datasets`} className="inline-flex items-center gap-1 text-xs font-medium text-accent underline-offset-2 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-3.5" />
        All datasets
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="dataset-title" className="text-lg font-semibold text-fg">
            {dataset.name}
          </h2>
          <p className="text-sm text-fg-muted">
            {dataset.items} item{dataset.items === 1 ? "" : "s"} · created by {dataset.createdBy} <RelativeTime value={dataset.createdAt} />
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <ImportJsonlDialog slug={slug} datasetId={dataset.id} />
            <AddItemDialog slug={slug} datasetId={dataset.id} />
          </div>
        ) : null}
      </div>
      <DatasetItems slug={slug} datasetId={dataset.id} initialPage={firstPage} canManage={canManage} />
    </section>
  );
}
