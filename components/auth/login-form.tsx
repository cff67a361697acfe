"use client";

import { LogIn } from "lucide-react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type LoginFormProps = {
  callbackUrl?: string;
  /** next-auth's error code when a sign-in was sent back here (?error=…). */
  initialError?: string;
  oidc?: { id: string; name: string } | null;
  demoLogins?: string[];
};

// One message for every wrong email or password so the form never reveals whether an email exists
// (unknown emails are throttled and locked like real ones, so those messages reveal nothing either).
const invalidCredentials = "Invalid email or password.";
const messages: Record<string, string> = {
  CredentialsSignin: invalidCredentials,
  throttled: "Too many failed sign-ins from your network. Wait 15 minutes, then try again.",
  locked: "This account is locked after too many failed sign-ins. Try again later, or ask an admin to set a new password.",
  AccessDenied: "This account may not sign in. Ask an admin.",
  // Single sign-on refusals (lib/auth/oidc-user.ts) and failures (next-auth's codes).
  deactivated: "This account is deactivated. Ask an admin to reactivate it.",
  SsoNoEmail: "Your sign-in provider did not share an email address, which Control Room needs. Ask an admin.",
  SsoEmailUnverified: "Your sign-in provider has not verified your email address, and an account with it already exists.",
  SsoAccountConflict: "An account with your email address is already linked to another single sign-on identity. Ask an admin.",
  OAuthSignin: "Single sign-on could not start. Try again, or ask an admin to check its settings.",
  OAuthCallback: "Single sign-on did not complete. Try again, or ask an admin to check its settings.",
};
const messageFor = (code: string) => messages[code] ?? "Sign-in failed. Try again.";

export function LoginForm({ callbackUrl, initialError, oidc = null, demoLogins = [] }: LoginFormProps) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [pending, setPending] = useState(false);
  const [oidcPending, setOidcPending] = useState(false);
  // Until the form is hydrated a submit would be the browser's own: marked for tests that must wait.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(messageFor(result?.error ?? "CredentialsSignin"));
        setPending(false);
        return;
      }
      router.replace(callbackUrl || "/");
      router.refresh();
    } catch {
      setError(invalidCredentials);
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form
        method="post"
        onSubmit={handleSubmit}
        className="flex flex-col gap-3"
        aria-label="Sign in with email"
        data-hydrated={hydrated || undefined}
      >
        <Field id="login-email" label="Email">
          <Input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Field>
        <Field id="login-password" label="Password">
          <Input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <div role="alert" className="empty:hidden">
          {error ? (
            <p className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">{error}</p>
          ) : null}
        </div>
        <Button type="submit" variant="primary" loading={pending} className="w-full">
          {pending ? null : <LogIn aria-hidden="true" />}
          Sign in
        </Button>
      </form>

      {oidc ? (
        <>
          <div className="flex items-center gap-3 text-xs text-fg-muted" aria-hidden="true">
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <Button
            variant="secondary"
            className="w-full"
            loading={oidcPending}
            onClick={() => {
              setOidcPending(true);
              void signIn(oidc.id, { callbackUrl: callbackUrl || "/" });
            }}
          >
            Sign in with {oidc.name}
          </Button>
        </>
      ) : null}

      {demoLogins.length > 0 ? (
        <section aria-labelledby="demo-logins-title" className="rounded-md border border-border bg-surface-muted px-3 py-2.5">
          <h2 id="demo-logins-title" className="text-xs font-semibold text-fg">
            Demo logins — password <code className="font-mono">demo-password</code>
          </h2>
          <ul className="mt-1.5 flex flex-col gap-1">
            {demoLogins.map((demoEmail) => (
              <li key={demoEmail}>
                <button
                  type="button"
                  onClick={() => {
                    setEmail(demoEmail);
                    setError(null);
                  }}
                  className="rounded-sm font-mono text-xs text-accent underline-offset-2 hover:underline"
                  aria-label={`Use ${demoEmail}`}
                >
                  {demoEmail}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
