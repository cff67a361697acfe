import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <p className="font-mono text-sm text-fg-muted">404</p>
        <h1 className="text-xl font-semibold tracking-tight text-fg">Page not found</h1>
        <p className="text-sm text-fg-muted">
          There is nothing at this address, or it was removed. Check the link, or start again from the overview.
        </p>
        <Link href="/" className={buttonVariants({ variant: "primary" })}>
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
