"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { createWebhookAction } from "@/app/(dashboard)/admin/webhooks/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";

type Errors = { team?: string; url?: string; secret?: string; form?: string };

export function CreateWebhookDialog({ teams }: { teams: { id: string; name: string }[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ team: teams[0]?.id ?? "", url: "", secret: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const ids = { team: useId(), url: useId(), secret: useId() };

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setValues({ team: teams[0]?.id ?? "", url: "", secret: "" });
      setErrors({});
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await createWebhookAction({ team: values.team, url: values.url, events: ["alert.raised"], secret: values.secret });
    setPending(false);
    if (result.ok) {
      toast.success("Webhook added: the team's next alert is sent to it");
      setOpen(false);
      setValues({ team: teams[0]?.id ?? "", url: "", secret: "" });
      router.refresh();
      return;
    }
    const fields = result.error.fieldErrors ?? {};
    setErrors({ team: fields.team?.[0], url: fields.url?.[0], secret: fields.secret?.[0], form: Object.keys(fields).length ? undefined : result.error.message });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" />
          Add webhook
        </Button>
      }
      title="Add a webhook"
      description="Every alert raised for the team is POSTed to this URL as Slack-compatible JSON. With a secret, each request carries X-ControlRoom-Signature: sha256=<HMAC of the body>."
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={ids.team} label="Team" error={errors.team} required>
          <Select name="team" value={values.team} onChange={(event) => setValues({ ...values, team: event.target.value })} disabled={pending}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={ids.url} label="URL (http or https)" error={errors.url} required>
          <Input name="url" type="url" value={values.url} onChange={(event) => setValues({ ...values, url: event.target.value })} disabled={pending} placeholder="https://hooks.slack.com/services/…" />
        </Field>
        <Field id={ids.secret} label="Signing secret (optional, at least 16 characters; not shown again)" error={errors.secret}>
          <Input name="secret" type="password" autoComplete="off" value={values.secret} onChange={(event) => setValues({ ...values, secret: event.target.value })} disabled={pending} />
        </Field>
        {errors.form ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
            {errors.form}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => change(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending}>
            Add webhook
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
