"use client";

import { Trash2 } from "lucide-react";
import { deletePriceAction } from "@/app/(dashboard)/admin/prices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import type { PriceView } from "@/lib/costs/manage-prices";

export function DeletePriceButton({ price }: { price: PriceView }) {
  const day = price.effectiveFrom.slice(0, 10);

  async function remove() {
    const result = await deletePriceAction(price.id);
    if (!result.ok) {
      toast.error(result.error.message);
      throw new Error(result.error.message);
    }
    toast.success(`Deleted the ${price.model} price from ${day}`);
  }

  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" className="text-danger-fg">
          <Trash2 aria-hidden="true" />
          Delete<span className="sr-only"> price of {price.model} from {day}</span>
        </Button>
      }
      title={`Delete the ${price.model} price from ${day}?`}
      consequence={`Spans of ${price.model} from ${day} on will be priced with its previous row, or show as unpriced if this is its only price. Costs already stored do not change; the audit log keeps this row.`}
      confirmLabel="Delete price"
      onConfirm={remove}
    />
  );
}
