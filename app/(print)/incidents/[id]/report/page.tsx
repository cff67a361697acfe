import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Download } from "lucide-react";
import { MarkdownView } from "@/components/incidents/markdown-view";
import { PrintButton } from "@/components/incidents/print-button";
import { Button } from "@/components/ui/button";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { getIncidentReport } from "@/lib/incidents/incident-report";

export const metadata: Metadata = { title: "Incident report" };

// The printable report: the Markdown of the download, rendered on a plain page (no app shell), with its
// controls hidden when printed.
export default async function IncidentReportPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePrincipal();
  const { id } = await params;
  let report: Awaited<ReturnType<typeof getIncidentReport>>;
  try {
    report = await getIncidentReport(principal, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 bg-surface px-6 py-6 print:max-w-none print:px-0 print:py-0">
      <nav aria-label="Report actions" className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href={`/incidents/${id}`} className="inline-flex items-center gap-1 text-xs font-medium text-accent underline-offset-2 hover:underline">
          <ArrowLeft aria-hidden="true" className="size-3.5" />
          Back to the incident
        </Link>
        <div className="flex gap-2">
          <Button asChild>
            <a href={`/api/v1/incidents/${id}/report`} download={report.filename}>
              <Download aria-hidden="true" />
              Download {report.filename}
            </a>
          </Button>
          <PrintButton />
        </div>
      </nav>
      <MarkdownView markdown={report.markdown} />
    </main>
  );
}
