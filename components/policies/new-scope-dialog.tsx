"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { scopeKeyOf } from "@/lib/policies/policy-scope";
import { policyScopeHref } from "./policy-scope-params";

const namePattern = /^[\w][\w.:/-]*$/;

// Opens a scope that has no policy yet, to write (admins) or propose (developers) its first version.
export function NewScopeDialog({ slug, existingKeys }: { slug: string; existingKeys: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [workflow, setWorkflow] = useState("");
  const [decisionType, setDecisionType] = useState("");
  const [error, setError] = useState<{ workflow?: string; decisionType?: string }>({});
  const formId = useId();
  const workflowId = useId();
  const decisionTypeId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const names = { workflow: workflow.trim(), decisionType: decisionType.trim() };
    const problems = {
      workflow: names.workflow && !namePattern.test(names.workflow) ? "Letters, digits and . _ - : / (e.g. claims-intake)" : undefined,
      decisionType: names.decisionType && !namePattern.test(names.decisionType) ? "Letters, digits and . _ - : / (e.g. claim.approve)" : undefined,
    };
    if (!names.workflow && !names.decisionType) problems.workflow = "Name a workflow, a decision type, or both";
    setError(problems);
    if (problems.workflow || problems.decisionType) return;
    const key = scopeKeyOf(names);
    setOpen(false);
    router.push(policyScopeHref(slug, key, !existingKeys.includes(key)));
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError({});
      }}
      trigger={
        <Button size="sm">
          <Plus aria-hidden="true" />
          New scope
        </Button>
      }
      title="New policy scope"
      description="A workflow or decision type policy overrides the agent-wide one for requests that name it (the most specific scope wins, field by field)."
      footer={<DialogFormFooter formId={formId} submitting={false} onCancel={() => setOpen(false)} submitLabel="Open editor" />}
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={workflowId} label="Workflow" description="As agents send it in workflow on guard calls" error={error.workflow}>
          <Input value={workflow} onChange={(event) => setWorkflow(event.target.value)} placeholder="claims-intake" maxLength={120} />
        </Field>
        <Field id={decisionTypeId} label="Decision type" description="As agents send it in decisionType" error={error.decisionType}>
          <Input value={decisionType} onChange={(event) => setDecisionType(event.target.value)} placeholder="claim.approve" maxLength={120} />
        </Field>
      </form>
    </Dialog>
  );
}
