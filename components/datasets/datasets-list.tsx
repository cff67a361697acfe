"use client";

import { useQuery } from "@tanstack/react-query";
import { Database } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { datasetQueryKeys, fetchDatasets, type DatasetRow } from "@/lib/evals/datasets/queries";
import { datasetHref } from "./create-dataset-form";

export type DatasetsListProps = {
  slug: string;
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: DatasetRow[] | null;
  canManage: boolean;
};

// The agent's evaluation datasets, by name, with how many items each holds.
export function DatasetsList({ slug, initialData, canManage }: DatasetsListProps) {
  const query = useQuery({
    queryKey: datasetQueryKeys.list(slug),
    queryFn: () => fetchDatasets(slug),
    initialData: initialData ? { datasets: initialData } : undefined,
    retry: 1,
  });
  const datasets = query.data?.datasets;
  if (!datasets) {
    if (query.isError) return <ErrorState title="Datasets unavailable" message={query.error.message} onRetry={() => void query.refetch()} />;
    return <LoadingRows rows={3} columns={4} label="Loading datasets…" />;
  }
  if (datasets.length === 0) {
    return (
      <EmptyState
        icon={<Database />}
        title="No datasets yet — create one, or add items from a trace"
        description={
          canManage
            ? "Name a dataset above, then add cases by hand, from a JSON Lines file, or with “Add to dataset” on any trace of this agent."
            : "Developers and admins create datasets and add cases to them; they will be listed here."
        }
      />
    );
  }
  return (
    <div className="flex flex-col gap-2">
      {query.isError ? <RefreshFailed error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table label="Datasets">
        <THead>
          <TR>
            <TH>Name</TH>
            <TH numeric>Items</TH>
            <TH>Created by</TH>
            <TH>Created</TH>
          </TR>
        </THead>
        <TBody>
          {datasets.map((dataset) => (
            <TR key={dataset.id}>
              <TD>
                <Link href={datasetHref(slug, dataset.id)} className="font-medium text-accent underline-offset-2 hover:underline">
                  {dataset.name}
                </Link>
              </TD>
              <TD numeric>{dataset.items}</TD>
              <TD>{dataset.createdBy}</TD>
              <TD>
                <RelativeTime value={dataset.createdAt} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
