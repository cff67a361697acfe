import Link from "next/link";
import { CheckCircle2, CircleDashed, ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { MATURITY_LEVELS, levelNames, nextSteps, type Criterion, type Maturity } from "@/lib/maturity/criteria";
import { criterionLabels, criterionLink } from "./criterion-display";
import { MaturitySteps } from "./maturity-steps";

// The agent's maturity level, the ladder, and every criterion as a checklist: what is in place, and
// what the next level needs (highlighted, the first one marked as the next step).
export function MaturityCard({ maturity, slug }: { maturity: Maturity; slug: string }) {
  const missing = nextSteps(maturity);
  const nextId = missing[0]?.id;
  return (
    <Card aria-labelledby="maturity-title" data-testid="maturity-card">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle id="maturity-title">Maturity</CardTitle>
          <CardDescription>
            {maturity.level === 4
              ? "Every criterion is met."
              : `${missing.length} ${missing.length === 1 ? "criterion" : "criteria"} to reach level ${maturity.level + 1} (${levelNames[(maturity.level + 1) as 1 | 2 | 3 | 4]})`}
          </CardDescription>
        </div>
        <Badge tone={maturity.level >= 3 ? "ok" : maturity.level >= 1 ? "info" : "muted"} data-testid="maturity-level">
          Level {maturity.level} · {levelNames[maturity.level]}
        </Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <MaturitySteps level={maturity.level} />
        {MATURITY_LEVELS.filter((level) => level > 0).map((level) => (
          <section key={level} aria-label={`Level ${level}: ${levelNames[level]}`} className="flex flex-col gap-1">
            <h3 className="text-xs font-semibold text-fg-muted">
              Level {level} · {levelNames[level]}
            </h3>
            <ul className="flex flex-col gap-1">
              {maturity.criteria
                .filter((criterion) => criterion.level === level)
                .map((criterion) => (
                  <CriterionItem key={criterion.id} criterion={criterion} slug={slug} isNext={criterion.level === maturity.level + 1 && !criterion.met} isFirst={criterion.id === nextId} />
                ))}
            </ul>
          </section>
        ))}
      </CardContent>
    </Card>
  );
}

function CriterionItem({ criterion, slug, isNext, isFirst }: { criterion: Criterion; slug: string; isNext: boolean; isFirst: boolean }) {
  const link = criterion.met ? null : criterionLink(criterion.id, slug);
  const Icon = criterion.met ? CheckCircle2 : CircleDashed;
  return (
    <li
      data-criterion={criterion.id}
      data-met={criterion.met}
      className={cn("flex items-start gap-2 rounded-md px-2 py-1", isNext && "bg-accent-soft", isFirst && "ring-1 ring-accent")}
    >
      <Icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", criterion.met ? "text-ok" : isNext ? "text-accent" : "text-muted")} />
      <div className="flex min-w-0 flex-col">
        <span className="text-sm text-fg">
          <span className="font-medium">{criterionLabels[criterion.id] ?? criterion.id}</span>{" "}
          <span className={cn("text-xs font-medium", criterion.met ? "text-ok-fg" : isNext ? "text-accent" : "text-fg-muted")}>
            {criterion.met ? "Met" : isFirst ? "Next step" : "Missing"}
          </span>
        </span>
        <span className="text-xs text-fg-muted">
          {criterion.detail}
          {link ? (
            <>
              {" "}
              <Link href={link.href} className="inline-flex items-center gap-0.5 font-medium text-accent underline-offset-2 hover:underline">
                {link.label} <ArrowRight aria-hidden="true" className="size-3" />
              </Link>
            </>
          ) : null}
        </span>
      </div>
    </li>
  );
}
