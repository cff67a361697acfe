"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createFirstAdminAction } from "@/app/(auth)/setup/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { applyServerFieldErrors } from "@/components/ui/server-field-errors";
import { Input } from "@/components/ui/input";
import { firstAdminSchema } from "@/lib/users/schemas";

type FirstAdminValues = z.input<typeof firstAdminSchema>;
const fieldNames = ["email", "name", "password"] as const;

export function SetupForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FirstAdminValues>({
    resolver: zodResolver(firstAdminSchema),
    defaultValues: { email: "", name: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createFirstAdminAction(values);
    if (!result.ok) {
      if (!applyServerFieldErrors(result.error, setError, fieldNames)) setFormError(result.error.message);
      return;
    }
    const signedIn = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    if (!signedIn?.ok || signedIn.error) {
      router.replace("/login");
      return;
    }
    router.replace("/");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <Field id="setup-email" label="Email" error={errors.email?.message} required>
        <Input type="email" autoComplete="username" {...register("email")} />
      </Field>
      <Field id="setup-name" label="Name" error={errors.name?.message} required>
        <Input autoComplete="name" {...register("name")} />
      </Field>
      <Field
        id="setup-password"
        label="Password"
        description="At least 10 characters."
        error={errors.password?.message}
        required
      >
        <Input type="password" autoComplete="new-password" {...register("password")} />
      </Field>
      <div role="alert" className="empty:hidden">
        {formError ? (
          <p className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">{formError}</p>
        ) : null}
      </div>
      <Button type="submit" variant="primary" loading={isSubmitting} className="w-full">
        Create admin and sign in
      </Button>
    </form>
  );
}
