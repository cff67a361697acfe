import { Radio } from "lucide-react";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { Card, CardContent } from "@/components/ui/card";
import { needsFirstAdmin } from "@/lib/users/create-first-admin";

export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (!(await needsFirstAdmin())) redirect("/login");
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <Card className="w-full max-w-md">
        <CardContent className="flex flex-col gap-5 px-6 py-6">
          <div className="flex flex-col items-center gap-2 text-center">
            <Radio aria-hidden="true" className="size-6 text-accent" />
            <h1 className="text-lg font-semibold tracking-tight text-fg">Set up Control Room</h1>
            <p className="text-sm text-fg-muted">
              Nobody has an account yet. Create the first administrator; you can add the rest of your users, teams and
              agents once you are signed in.
            </p>
          </div>
          <SetupForm />
        </CardContent>
      </Card>
    </main>
  );
}
