"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Check, Copy, KeyRound, TriangleAlert } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { createAdminKeyAction, createAgentKeyAction, type CreatedKey } from "@/app/(dashboard)/admin/keys/actions";
import { createKeySchema } from "@/lib/keys/schemas";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { applyServerFieldErrors } from "@/components/ui/server-field-errors";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";

export type KeyAgentOption = { slug: string; name: string; team: string };

// The agent is the URL of the create call, not part of its body, so only the form asks for it.
const agentKeyFormSchema = createKeySchema.extend({ agent: z.string().min(1, "Choose an agent") });
const adminKeyFormSchema = createKeySchema.extend({ agent: z.string() });
type KeyFormValues = z.input<typeof agentKeyFormSchema>;
type KeyFormOutput = z.output<typeof agentKeyFormSchema>;

export type CreateKeyDialogProps =
  | { kind: "agent"; agents: KeyAgentOption[]; defaultAgent?: string }
  | { kind: "admin" };

export function CreateKeyDialog(props: CreateKeyDialogProps) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<(CreatedKey & { origin: string }) | null>(null);
  const formId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const agents = props.kind === "agent" ? props.agents : [];
  const defaultValues: KeyFormValues = {
    name: "",
    agent: props.kind === "agent" && agents.some((agent) => agent.slug === props.defaultAgent) ? (props.defaultAgent ?? "") : "",
  };
  const { register, handleSubmit, formState, setError, reset } = useForm<KeyFormValues, unknown, KeyFormOutput>({
    resolver: zodResolver(props.kind === "agent" ? agentKeyFormSchema : adminKeyFormSchema),
    defaultValues,
  });

  // The secret dialog has no trigger of its own, so once it closes focus goes back to ours. The
  // timeout runs after Radix's own focus restoration, which would otherwise leave focus on <body>.
  const secretShown = useRef(false);
  useEffect(() => {
    if (created) {
      secretShown.current = true;
      return;
    }
    if (!secretShown.current) return;
    secretShown.current = false;
    const timer = setTimeout(() => triggerRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [created]);

  async function submit(values: KeyFormOutput) {
    const input = { name: values.name };
    const result = props.kind === "agent" ? await createAgentKeyAction(values.agent, input) : await createAdminKeyAction(input);
    if (!result.ok) {
      applyServerFieldErrors(result.error, setError, ["name"]);
      toast.error(result.error.message);
      return;
    }
    setOpen(false);
    setCreated({ ...result.data, origin: window.location.origin });
  }

  const label = props.kind === "agent" ? "Create agent key" : "Create admin key";
  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (next) reset(defaultValues);
          setOpen(next);
        }}
        dismissible={!formState.isSubmitting}
        trigger={
          <Button ref={triggerRef} variant={props.kind === "agent" ? "primary" : "secondary"}>
            <KeyRound aria-hidden="true" />
            {label}
          </Button>
        }
        title={label}
        description={
          props.kind === "agent"
            ? "The agent sends this key as a Bearer token on every call: traces, guard checks and config."
            : "An admin key acts as you on the management API. It stops working if you are deactivated or lose the admin role."
        }
        footer={<DialogFormFooter formId={formId} submitting={formState.isSubmitting} onCancel={() => setOpen(false)} submitLabel="Create key" />}
      >
        <form id={formId} onSubmit={handleSubmit(submit)} noValidate className="flex flex-col gap-3">
          {props.kind === "agent" ? (
            <Field id={`${formId}-agent`} label="Agent" error={formState.errors.agent?.message} required>
              <Select {...register("agent")}>
                <option value="">Choose an agent…</option>
                {agents.map((agent) => (
                  <option key={agent.slug} value={agent.slug}>
                    {agent.slug} — {agent.name} ({agent.team})
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Field
            id={`${formId}-name`}
            label="Key name"
            description="Says where the key is used, e.g. production or ci."
            error={formState.errors.name?.message}
            required
          >
            <Input autoComplete="off" {...register("name")} />
          </Field>
        </form>
      </Dialog>
      {created ? (
        <NewKeyDialog created={created} onClose={() => setCreated(null)} />
      ) : null}
    </>
  );
}

function NewKeyDialog({ created, onClose }: { created: CreatedKey & { origin: string }; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const keyRef = useRef<HTMLElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const path = created.apiKey.kind === "agent" ? "/api/v1/agents/self" : "/api/v1/agents";
  const example = `curl -H "Authorization: Bearer ${created.key}" ${created.origin}${path}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
      toast.success("Key copied to the clipboard");
    } catch {
      // Plain-HTTP origins have no clipboard API: select the key so Ctrl+C / Cmd+C copies it.
      const selection = window.getSelection();
      if (keyRef.current && selection) {
        selection.selectAllChildren(keyRef.current);
        toast.info("Press Ctrl+C (or ⌘C) to copy the selected key");
      }
    }
  }

  const owner = created.apiKey.agent ?? created.apiKey.user ?? "";
  return (
    <Dialog
      open
      onOpenChange={(next) => (next ? undefined : onClose())}
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        copyRef.current?.focus();
      }}
      title={`Key “${created.apiKey.name}” created for ${owner}`}
      description={
        <p className="flex items-start gap-2 rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-warn-fg">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          Copy this key now. Only a hash is stored; it cannot be shown again.
        </p>
      }
      footer={
        <Button variant="primary" onClick={onClose}>
          I have copied it
        </Button>
      }
    >
      <div className="flex flex-col gap-1">
        <span className="text-xs font-medium text-fg">API key</span>
        <div className="flex items-center gap-2">
          <code
            ref={keyRef}
            data-testid="new-api-key"
            className="min-w-0 flex-1 rounded-md border border-border-strong bg-surface-muted px-2.5 py-1.5 font-mono text-xs break-all select-all"
          >
            {created.key}
          </code>
          <Button ref={copyRef} onClick={copy}>
            {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <span className="text-xs font-medium text-fg">Try it</span>
        <pre className="overflow-x-auto rounded-md border border-border bg-surface-muted px-2.5 py-1.5 font-mono text-xs whitespace-pre-wrap break-all">
          {example}
        </pre>
      </div>
    </Dialog>
  );
}
