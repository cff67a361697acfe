import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export const metadata = { title: "Not allowed" };

// forbidden() outside the dashboard's shell (the dashboard has its own app/(dashboard)/forbidden.tsx).
export default function Forbidden() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <p className="font-mono text-sm text-fg-muted">403</p>
        <h1 className="text-xl font-semibold tracking-tight text-fg">Not allowed</h1>
        <p className="text-sm text-fg-muted">Your role cannot open this page. Ask an admin if you need a different role or team.</p>
        <Link href="/" className={buttonVariants({ variant: "primary" })}>
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
