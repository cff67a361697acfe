"use client";

import { Toaster as SonnerToaster } from "sonner";

export { toast } from "sonner";

export function Toaster() {
  return (
    <SonnerToaster
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: "border-border! bg-surface! text-fg! font-sans!",
          description: "text-fg-muted!",
          error: "border-danger/40! text-danger-fg!",
          success: "border-ok/40! text-ok-fg!",
        },
      }}
    />
  );
}
