"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/http/action";
import { backtestPolicy } from "@/lib/policies/backtest-policy";
import { approveProposal, rejectProposal, withdrawProposal } from "@/lib/policies/decide-proposal";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { proposePolicy } from "@/lib/policies/propose-policy";
import { restorePolicyVersion } from "@/lib/policies/restore-policy-version";
import { savePolicy } from "@/lib/policies/save-policy";
import type { BacktestPolicyInput, ProposePolicyInput, SavePolicyInput } from "@/lib/policies/schemas";

// Thin callers: lib/policies enforces permissions, team scoping, validation and versions.

async function done<T>(slug: string, result: T): Promise<T> {
  revalidatePath(`/agents/${slug}/policies`);
  return result;
}

export async function savePolicyAction(slug: string, scopeKey: string, input: SavePolicyInput) {
  return done(slug, await runAction(async (principal) => (await savePolicy(principal, slug, scopeKey, input)).policy.version));
}

export async function proposePolicyAction(slug: string, input: ProposePolicyInput) {
  return done(slug, await runAction(async (principal) => (await proposePolicy(principal, slug, input)).id));
}

export async function deletePolicyAction(slug: string, scopeKey: string, reason: string, baseVersion: number) {
  return done(slug, await runAction(async (principal) => (await deletePolicy(principal, slug, scopeKey, { reason, baseVersion })).version));
}

export async function restorePolicyAction(slug: string, scopeKey: string, version: number, baseVersion: number) {
  return done(slug, await runAction(async (principal) => (await restorePolicyVersion(principal, slug, scopeKey, { version, baseVersion })).policy.version));
}

export async function approveProposalAction(slug: string, proposalId: string, input: { note?: string; document?: string; baseVersion?: number | null }) {
  return done(slug, await runAction(async (principal) => (await approveProposal(principal, slug, proposalId, input)).status));
}

export async function rejectProposalAction(slug: string, proposalId: string, reason: string) {
  return done(slug, await runAction(async (principal) => (await rejectProposal(principal, slug, proposalId, { reason })).status));
}

export async function withdrawProposalAction(slug: string, proposalId: string) {
  return done(slug, await runAction(async (principal) => (await withdrawProposal(principal, slug, proposalId)).status));
}

// A read, not a mutation: nothing to revalidate. A server action like the editor's other calls, so the
// draft's validation problems come back as the same fieldErrors the save shows.
export async function backtestPolicyAction(slug: string, input: BacktestPolicyInput) {
  return runAction((principal) => backtestPolicy(principal, slug, input));
}
