import type { ComponentProps } from "react";
import { cn } from "./cn";

export const controlClasses =
  "w-full rounded-md border border-border-strong bg-surface px-2.5 text-sm text-fg placeholder:text-fg-muted focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent disabled:cursor-not-allowed disabled:bg-surface-muted disabled:opacity-70 aria-invalid:border-danger aria-invalid:focus-visible:outline-danger";

export type InputProps = ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(controlClasses, "h-8", className)} {...props} />;
}
