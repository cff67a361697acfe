import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { permissionsFor, requirePrincipal } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <AppShell
      user={{ name: principal.name, email: principal.email, role: principal.role }}
      permissions={permissionsFor(principal)}
    >
      {children}
    </AppShell>
  );
}
