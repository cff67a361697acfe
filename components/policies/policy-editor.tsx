"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { approveProposalAction, proposePolicyAction, savePolicyAction } from "@/app/(dashboard)/agents/[slug]/policies/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/http/action";
import { BacktestPanel } from "./backtest-panel";

export type PolicyEditorMode = "save" | "propose" | "approve";

export type PolicyEditorProps = {
  slug: string;
  scope: { key: string; label: string; workflow: string; decisionType: string };
  mode: PolicyEditorMode;
  initialText: string;
  // The version being edited (null: the scope has no policy yet).
  baseVersion: number | null;
  proposalId?: string;
  onDone: () => void;
};

const submitLabel = (mode: PolicyEditorMode, baseVersion: number | null) =>
  mode === "propose" ? "Propose change" : mode === "approve" ? "Approve edited proposal" : baseVersion === null ? "Create policy" : `Save as version ${baseVersion + 1}`;

// The policy as JSON, checked by the server with the guard's own schema: one line per problem; its
// backtest shows what the draft would have decided before it is saved, proposed or approved. Only
// developers and admins edit, and both may backtest.
export function PolicyEditor({ slug, scope, mode, initialText, baseVersion, proposalId, onDone }: PolicyEditorProps) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const documentId = useId();
  const noteId = useId();
  const problemsId = useId();

  function formatJson() {
    try {
      setText(JSON.stringify(JSON.parse(text), null, 2));
      setProblems([]);
    } catch (error) {
      setProblems([`Not valid JSON: ${(error as Error).message}`]);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setProblems([]);
    let result: ActionResult<unknown>;
    if (mode === "save") result = await savePolicyAction(slug, scope.key, { document: text, baseVersion, note });
    else if (mode === "propose") {
      result = await proposePolicyAction(slug, { workflow: scope.workflow, decisionType: scope.decisionType, document: text, baseVersion, note });
    } else result = await approveProposalAction(slug, proposalId!, { document: text, baseVersion, note });
    setPending(false);
    if (!result.ok) {
      const lines = result.error.fieldErrors?.document ?? [];
      const others = Object.entries(result.error.fieldErrors ?? {})
        .filter(([field]) => field !== "document")
        .flatMap(([field, messages]) => (messages ?? []).map((message) => `${field}: ${message}`));
      setProblems(lines.length || others.length ? [...lines, ...others] : [result.error.message]);
      return;
    }
    const what = `the ${scope.label.toLowerCase()} policy`;
    toast.success(mode === "propose" ? `Proposed a change to ${what}` : mode === "approve" ? `Approved the edited proposal for ${what}` : `Saved ${what}`);
    onDone();
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-label={`Edit the ${scope.label.toLowerCase()} policy`}>
      <Field
        id={documentId}
        label="Policy document (JSON)"
        description="The scope is filled in from the scope you are editing. Fields left out come from less specific scopes or the defaults."
      >
        <Textarea
          name="document"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={20}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={problems.length > 0}
          aria-errormessage={problems.length ? problemsId : undefined}
          className="font-mono text-xs leading-relaxed"
          disabled={pending}
        />
      </Field>
      {problems.length ? (
        <div id={problemsId} role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
          <p className="font-medium">{problems.length === 1 ? "1 problem" : `${problems.length} problems`}</p>
          <ul className="mt-1 list-disc pl-5 font-mono text-xs" data-testid="policy-problems">
            {problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <BacktestPanel slug={slug} scopeKey={scope.key} document={text} />
      <Field
        id={noteId}
        label={mode === "propose" ? "Why (becomes the version's note)" : mode === "approve" ? "Approval note (optional)" : "Note (optional, shown in the history)"}
        required={mode === "propose"}
      >
        <Input name="note" value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} disabled={pending} />
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={formatJson} disabled={pending}>
          Format JSON
        </Button>
        <Button onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={pending}>
          {submitLabel(mode, baseVersion)}
        </Button>
      </div>
    </form>
  );
}
