"use client";

import { useMemo, useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { FilterBox } from "@/components/ui/filter-box";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatPricePerMTok } from "@/lib/costs/format";
import type { PriceView } from "@/lib/costs/manage-prices";
import type { PriceStatus } from "@/lib/costs/price-status";
import { DeletePriceButton } from "./delete-price-button";
import { PriceFormDialog } from "./price-form";

const statusDisplay: Record<PriceStatus, { tone: Tone; label: string; hint: string }> = {
  current: { tone: "ok", label: "In force", hint: "Prices spans that start now" },
  scheduled: { tone: "info", label: "Scheduled", hint: "Applies from its effective date" },
  superseded: { tone: "muted", label: "Superseded", hint: "Replaced by a later row; applies to spans before that" },
};

// Every row of the price table (several per model when prices changed), filterable by model or provider.
export function PricesTable({ prices }: { prices: PriceView[] }) {
  const [filter, setFilter] = useState("");
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? prices.filter((price) => `${price.model} ${price.provider}`.toLowerCase().includes(needle)) : prices;
  }, [prices, filter]);

  return (
    <div className="flex flex-col gap-2">
      <FilterBox
        id="prices-filter"
        value={filter}
        onChange={setFilter}
        placeholder="Model or provider"
        shown={visible.length}
        total={prices.length}
        noun="rows"
      />
      <Table label="Model prices">
        <THead>
          <tr>
            <TH>Model</TH>
            <TH>Provider</TH>
            {/* Long headers wrap: on one line each they pushed Edit and Delete past a 1440 px screen. */}
            <TH numeric className="whitespace-normal">Input / 1M tokens</TH>
            <TH numeric className="whitespace-normal">Output / 1M tokens</TH>
            <TH numeric className="whitespace-normal">Cached input / 1M tokens</TH>
            <TH className="whitespace-normal">Effective from (UTC)</TH>
            <TH>Status</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {visible.map((price) => {
            const status = statusDisplay[price.status];
            return (
              <TR key={price.id} data-model={price.model}>
                <TD className="font-mono text-xs font-medium whitespace-nowrap">{price.model}</TD>
                <TD className="text-fg-muted">{price.provider || "—"}</TD>
                <TD numeric>{formatPricePerMTok(price.inputPerMTok)}</TD>
                <TD numeric>{formatPricePerMTok(price.outputPerMTok)}</TD>
                <TD numeric>{price.cachedInputPerMTok === null ? <span className="text-fg-muted">—</span> : formatPricePerMTok(price.cachedInputPerMTok)}</TD>
                <TD>
                  <time dateTime={price.effectiveFrom} title={price.effectiveFrom}>
                    {price.effectiveFrom.slice(0, 10)}
                  </time>
                </TD>
                <TD>
                  <Badge tone={status.tone} dot title={status.hint}>
                    {status.label}
                  </Badge>
                </TD>
                <TD className="text-right whitespace-nowrap">
                  <div className="flex justify-end gap-1">
                    <PriceFormDialog price={price} />
                    <DeletePriceButton price={price} />
                  </div>
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}
