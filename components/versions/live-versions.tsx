import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { VersionLink } from "./version-link";

export type LiveVersionsProps = {
  slug: string;
  production: { label: string; trafficPercent: number; model: string } | null;
  canary: { label: string; trafficPercent: number; model: string } | null;
};

// What the config call serves right now, at the top of the Versions tab.
export function LiveVersions({ slug, production, canary }: LiveVersionsProps) {
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="live-versions">
      <Card>
        <CardHeader>
          <CardTitle as="h3">In production</CardTitle>
          {production ? <CardDescription>{production.trafficPercent}% of sessions</CardDescription> : null}
        </CardHeader>
        <CardContent>
          {production ? (
            <p className="flex items-baseline gap-2">
              <VersionLink slug={slug} label={production.label} />
              <span className="font-mono text-xs text-fg-muted">{production.model}</span>
            </p>
          ) : (
            <p className="text-sm text-fg-muted">Nothing is in production: the config call answers 404 no_production_version.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h3">Canary</CardTitle>
          {canary ? <CardDescription>{canary.trafficPercent}% of sessions, sticky per session</CardDescription> : null}
        </CardHeader>
        <CardContent>
          {canary ? (
            <p className="flex flex-wrap items-baseline gap-2">
              <VersionLink slug={slug} label={canary.label} />
              <span className="font-mono text-xs text-fg-muted">{canary.model}</span>
              <Link className="ml-auto text-sm text-accent underline" href={`/agents/${slug}/versions/canary`}>
                Canary vs production
              </Link>
            </p>
          ) : (
            <p className="text-sm text-fg-muted">No canary runs: every session gets the production version.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
