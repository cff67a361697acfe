import { GitCompare } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export type ComparePickerProps = {
  slug: string;
  labels: string[];
  base?: string;
  head?: string;
  /** Distinguishes the ids when two pickers share a page. */
  idPrefix?: string;
};

// Two versions to compare: a plain GET form, so it works before hydration and keeps the pair in the URL.
export function ComparePicker({ slug, labels, base, head, idPrefix = "compare" }: ComparePickerProps) {
  return (
    <form action={`/agents/${slug}/versions/compare`} method="get" className="flex flex-wrap items-end gap-2" aria-label="Compare two versions">
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${idPrefix}-base`}>Base</Label>
        <Select id={`${idPrefix}-base`} name="base" defaultValue={base ?? labels[1] ?? labels[0]} wrapperClassName="w-28">
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${idPrefix}-head`}>Head</Label>
        <Select id={`${idPrefix}-head`} name="head" defaultValue={head ?? labels[0]} wrapperClassName="w-28">
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit">
        <GitCompare aria-hidden="true" />
        Compare
      </Button>
    </form>
  );
}
