import { Input } from "./input";

export type FilterBoxProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  shown: number;
  total: number;
  noun: string;
};

// A labelled client-side filter for a short table, with a live count of what it leaves visible.
export function FilterBox({ id, value, onChange, placeholder, shown, total, noun }: FilterBoxProps) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-xs font-medium text-fg">
        Filter
      </label>
      <Input id={id} type="search" value={value} onChange={(event) => onChange(event.target.value)} placeholder={placeholder} className="max-w-xs" />
      <span className="text-xs text-fg-muted" aria-live="polite">
        {shown} of {total} {noun}
      </span>
    </div>
  );
}
