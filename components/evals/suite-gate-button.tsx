"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { setGateAction } from "@/app/(dashboard)/agents/[slug]/evaluations/actions";

// Makes a suite the agent's gate, or stops it being one.
export function SuiteGateButton({ slug, suite }: { slug: string; suite: { id: string; name: string; gating: boolean } }) {
  const [pending, setPending] = useState(false);
  async function toggle() {
    setPending(true);
    const result = await setGateAction(slug, suite.id, !suite.gating);
    setPending(false);
    if (!result.ok) toast.error(result.error.message);
    else toast.success(suite.gating ? `"${suite.name}" no longer gates promotions` : `"${suite.name}" now gates canary and production`);
  }
  return (
    <Button size="sm" onClick={toggle} loading={pending}>
      {suite.gating ? "Stop gating" : "Make gate"}
    </Button>
  );
}
