import { CanaryComparisonView } from "@/components/versions/canary-comparison";
import { requirePrincipal } from "@/lib/auth/session";
import { getCanaryComparison } from "@/lib/versions/canary-analysis";

export const metadata = { title: "Canary vs production" };

type Props = { params: Promise<{ slug: string }> };

// The running canary side by side with production: what the guarded canary sees.
export default async function CanaryPage({ params }: Props) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const comparison = await getCanaryComparison(principal, slug).catch(() => null);
  return (
    <section className="space-y-3" aria-labelledby="canary-heading">
      <h2 id="canary-heading" className="text-base font-semibold">
        Canary vs production
      </h2>
      <CanaryComparisonView slug={slug} initialData={comparison} initialDataUpdatedAt={Date.now()} />
    </section>
  );
}
