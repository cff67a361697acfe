"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ListChecks } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { datasetQueryKeys, fetchDatasetItems, type ItemsPage } from "@/lib/evals/datasets/queries";
import { DeleteItemButton } from "./delete-item-button";
import { EditExpectedDialog } from "./edit-expected-dialog";
import { ExpectedOutcome, ExpectedTools } from "./expected-summary";

export type DatasetItemsProps = {
  slug: string;
  datasetId: string;
  /** The first page, server-rendered; null when the server could not load it (the client retries). */
  initialPage: ItemsPage | null;
  canManage: boolean;
};

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// The dataset's items, oldest first, 50 at a time ("Show more" follows the cursor).
export function DatasetItems({ slug, datasetId, initialPage, canManage }: DatasetItemsProps) {
  const query = useInfiniteQuery({
    queryKey: datasetQueryKeys.items(datasetId),
    queryFn: ({ pageParam }) => fetchDatasetItems(datasetId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    retry: 1,
  });
  const items = query.data?.pages.flatMap((page) => page.items);
  if (!items) {
    if (query.isError) return <ErrorState title="Items unavailable" message={query.error.message} onRetry={() => void query.refetch()} />;
    return <LoadingRows rows={5} columns={6} label="Loading items…" />;
  }
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<ListChecks />}
        title="No items yet"
        description={canManage ? "Add one by hand, import a JSON Lines file, or use “Add to dataset” on a trace of this agent." : "Developers and admins add the cases; they will be listed here."}
      />
    );
  }
  return (
    <div className="flex flex-col gap-2">
      {query.isError ? <RefreshFailed error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table label="Dataset items">
        <THead>
          <TR>
            <TH>Input</TH>
            <TH>Expected outcome</TH>
            <TH>Expected tools</TH>
            <TH>Source trace</TH>
            <TH>Created</TH>
            {canManage ? <TH><span className="sr-only">Actions</span></TH> : null}
          </TR>
        </THead>
        <TBody>
          {items.map((item) => {
            const label = cut(item.input, 60);
            return (
              <TR key={item.id} data-testid="dataset-item">
                <TD className="max-w-md">
                  <span className="line-clamp-2 break-words" title={cut(item.input, 2000)}>
                    {cut(item.input, 200)}
                  </span>
                </TD>
                <TD>
                  <ExpectedOutcome expected={item.expected} />
                </TD>
                <TD>
                  <ExpectedTools expected={item.expected} />
                </TD>
                <TD>
                  {item.sourceTraceId ? (
                    <Link href={`/traces/${item.sourceTraceId}`} className="font-mono text-xs text-accent underline-offset-2 hover:underline" title={item.sourceTraceId}>
                      {item.sourceTraceId.slice(0, 8)}…
                    </Link>
                  ) : (
                    <span className="text-fg-muted">by hand</span>
                  )}
                </TD>
                <TD>
                  <RelativeTime value={item.createdAt} /> <span className="text-xs text-fg-muted">by {item.createdBy}</span>
                </TD>
                {canManage ? (
                  <TD className="whitespace-nowrap text-right">
                    <EditExpectedDialog slug={slug} item={item} label={label} />
                    <DeleteItemButton slug={slug} datasetId={datasetId} itemId={item.id} label={label} />
                  </TD>
                ) : null}
              </TR>
            );
          })}
        </TBody>
      </Table>
      <div className="flex items-center justify-between gap-2 text-xs text-fg-muted">
        <span>{query.hasNextPage ? `The first ${items.length} items, oldest first` : `${items.length} item${items.length === 1 ? "" : "s"}, oldest first`}</span>
        {query.hasNextPage ? (
          <Button size="sm" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Show more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
