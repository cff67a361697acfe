import { Radio } from "lucide-react";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Card, CardContent } from "@/components/ui/card";
import { getPrincipal } from "@/lib/auth/session";
import { oidcConfig } from "@/lib/auth/oidc";
import { demoUsers, isDemoMode } from "@/lib/demo/demo-mode";
import { needsFirstAdmin } from "@/lib/users/create-first-admin";

export const metadata = { title: "Sign in" };

type LoginPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Only same-site paths: next-auth hands us absolute URLs, and an attacker could hand us anything.
function safeCallbackUrl(raw: string | string[] | undefined): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  try {
    const url = new URL(value, "http://control-room.invalid");
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (!path.startsWith("/") || path.startsWith("//") || url.pathname.startsWith("/login")) return undefined;
    return path;
  } catch {
    return undefined;
  }
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  if (await needsFirstAdmin()) redirect("/setup");
  if (await getPrincipal()) redirect("/");
  const params = await searchParams;
  const oidc = oidcConfig();
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <Card className="w-full max-w-sm">
        <CardContent className="flex flex-col gap-5 px-6 py-6">
          <div className="flex flex-col items-center gap-2 text-center">
            <Radio aria-hidden="true" className="size-6 text-accent" />
            <h1 className="text-lg font-semibold tracking-tight text-fg">Sign in to Control Room</h1>
          </div>
          <LoginForm
            callbackUrl={safeCallbackUrl(params.callbackUrl)}
            initialError={typeof params.error === "string" ? params.error : undefined}
            oidc={oidc ? { id: "oidc", name: oidc.name } : null}
            demoLogins={isDemoMode() ? demoUsers.map((user) => user.email) : []}
          />
        </CardContent>
      </Card>
    </main>
  );
}
