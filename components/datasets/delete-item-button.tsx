"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteDatasetItemAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys } from "@/lib/evals/datasets/queries";

export function DeleteItemButton({ slug, datasetId, itemId, label }: { slug: string; datasetId: string; itemId: string; label: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Delete item ${label}`}>
          <Trash2 aria-hidden="true" />
        </Button>
      }
      title="Delete this item?"
      consequence={`“${label}” leaves the dataset: later evaluation runs no longer test it (runs already scored keep their results). The audit log keeps what it held.`}
      confirmLabel="Delete item"
      onConfirm={async () => {
        const result = await deleteDatasetItemAction(slug, datasetId, itemId);
        void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.all });
        if (!result.ok && result.error.code !== "not_found") throw new Error(result.error.message);
        toast.success(result.ok ? "Item deleted" : "The item was already gone");
        router.refresh();
      }}
    />
  );
}
