"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { datasetQueryKeys, fetchDatasets } from "@/lib/evals/datasets/queries";

export const NEW_DATASET = "__new";

export type DatasetChoice = { datasetId: string; newName: string };

export type DatasetPickerProps = {
  slug: string;
  choice: DatasetChoice;
  onChange: (choice: DatasetChoice) => void;
  error?: string;
  disabled?: boolean;
};

// One of the agent's datasets, or a new one named here (the first choice when it has none).
export function DatasetPicker({ slug, choice, onChange, error, disabled }: DatasetPickerProps) {
  const selectId = useId();
  const nameId = useId();
  const query = useQuery({ queryKey: datasetQueryKeys.list(slug), queryFn: () => fetchDatasets(slug), retry: 1 });
  const datasets = query.data?.datasets;
  useEffect(() => {
    if (datasets && choice.datasetId === "") onChange({ ...choice, datasetId: datasets[0]?.id ?? NEW_DATASET });
  }, [datasets, choice, onChange]);

  if (query.isError && !datasets) {
    return (
      <p role="alert" className="text-sm text-danger-fg">
        The agent&apos;s datasets could not be loaded ({query.error.message}). Close and try again.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <Field id={selectId} label="Dataset" error={choice.datasetId === NEW_DATASET ? undefined : error} description={datasets ? undefined : "Loading the agent's datasets…"}>
        <Select name="dataset" value={choice.datasetId} onChange={(event) => onChange({ ...choice, datasetId: event.target.value })} disabled={disabled || !datasets}>
          {datasets ? null : <option value="">Loading…</option>}
          {(datasets ?? []).map((dataset) => (
            <option key={dataset.id} value={dataset.id}>
              {dataset.name} ({dataset.items} item{dataset.items === 1 ? "" : "s"})
            </option>
          ))}
          <option value={NEW_DATASET}>New dataset…</option>
        </Select>
      </Field>
      {choice.datasetId === NEW_DATASET ? (
        <Field id={nameId} label="New dataset's name" required error={error}>
          <Input name="new-dataset" value={choice.newName} onChange={(event) => onChange({ ...choice, newName: event.target.value })} maxLength={200} disabled={disabled} autoComplete="off" />
        </Field>
      ) : null}
    </div>
  );
}
