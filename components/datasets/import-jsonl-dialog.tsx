"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { importDatasetItemsAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys } from "@/lib/evals/datasets/queries";

type LineError = { line: number; message: string };

const example = '{"input": "Water damage to the kitchen, policy P-7", "expected": {"outcome": "rejected"}}';

// Many items at once from JSON Lines, chosen as a file or pasted. All or nothing: a bad line stores
// none, and every bad line is listed with what is wrong with it.
export function ImportJsonlDialog({ slug, datasetId }: { slug: string; datasetId: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [rejected, setRejected] = useState<LineError[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const formId = useId();
  const fileId = useId();
  const textId = useId();

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) setText("");
    setRejected([]);
    setFailure(undefined);
  }

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setRejected([]);
    setFailure(undefined);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRejected([]);
    if (!text.trim()) return setFailure("Choose a .jsonl file or paste its lines");
    setPending(true);
    setFailure(undefined);
    const result = await importDatasetItemsAction(slug, datasetId, text);
    setPending(false);
    if (!result.ok) return setFailure(result.error.message);
    if (result.data.rejected.length) {
      const count = result.data.rejected.length;
      setRejected(result.data.rejected);
      return setFailure(`Nothing imported: ${count} bad line${count === 1 ? "" : "s"}. Fix ${count === 1 ? "it" : "them"} and import again.`);
    }
    void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.all });
    toast.success(`Imported ${result.data.imported} item${result.data.imported === 1 ? "" : "s"}`);
    setOpen(false);
    setText("");
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      className="max-w-2xl"
      trigger={
        <Button>
          <Upload aria-hidden="true" />
          Import JSONL
        </Button>
      }
      title="Import items from JSON Lines"
      description={
        <>
          One item a line: <code className="font-mono text-xs break-all">{example}</code>. All or nothing: if any line is bad, none is stored.
        </>
      }
      footer={<DialogFormFooter formId={formId} submitting={pending} onCancel={() => change(false)} submitLabel="Import" />}
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={fileId} label="File (.jsonl)">
          <Input type="file" accept=".jsonl,.ndjson,.txt,application/jsonl,application/x-ndjson,text/plain" onChange={pick} disabled={pending} className="h-auto py-1" />
        </Field>
        <Field id={textId} label="Or paste the lines" error={failure}>
          <Textarea name="jsonl" value={text} onChange={(event) => setText(event.target.value)} rows={8} className="font-mono text-xs" disabled={pending} spellCheck={false} />
        </Field>
        <RejectedLines lines={rejected} />
      </form>
    </Dialog>
  );
}

function RejectedLines({ lines }: { lines: LineError[] }) {
  if (!lines.length) return null;
  return (
    <section aria-label="Rejected lines" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm">
      <h3 className="font-semibold text-danger-fg">Rejected lines</h3>
      <ul className="mt-1 flex max-h-48 flex-col gap-0.5 overflow-y-auto">
        {lines.map((line) => (
          <li key={line.line}>
            <span className="font-mono text-xs font-semibold">Line {line.line}</span>: {line.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
