import type { Tx } from "../db/client";
import { scopeKeyOf, scopeLabel } from "./policy-scope";

// The shapes policies, versions and proposals are shown in (pages and API alike).

export type PersonView = { id: string; name: string; email: string } | null;

export type PolicyView = {
  id: string;
  scopeKey: string;
  scopeLabel: string;
  workflow: string;
  decisionType: string;
  version: number;
  document: unknown;
  updatedAt: string;
  updatedBy: PersonView;
};

export type PolicyVersionView = { version: number; document: unknown; note: string; createdAt: string; createdBy: PersonView };

export type ProposalStatus = "pending" | "approved" | "rejected" | "withdrawn";
export type ProposalView = {
  id: string;
  scopeKey: string;
  scopeLabel: string;
  workflow: string;
  decisionType: string;
  document: unknown;
  baseVersion: number | null;
  // The scope's version now (null: no policy); a pending proposal is stale when it differs from baseVersion.
  currentVersion: number | null;
  stale: boolean;
  status: ProposalStatus;
  note: string;
  proposedAt: string;
  proposedBy: PersonView;
  decidedAt: string | null;
  decidedBy: PersonView;
  decisionNote: string | null;
};

// Users named by id columns (no relations on these tables): one query for a whole page.
export async function peopleById(tx: Tx, ids: (string | null | undefined)[]): Promise<(id: string | null | undefined) => PersonView> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const users = wanted.length ? await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

type PolicyRow = { id: string; workflow: string; decisionType: string; version: number; document: unknown; updatedAt: Date; updatedById: string | null };

export function toPolicyView(row: PolicyRow, person: (id: string | null) => PersonView): PolicyView {
  return {
    id: row.id,
    scopeKey: scopeKeyOf(row),
    scopeLabel: scopeLabel(row),
    workflow: row.workflow,
    decisionType: row.decisionType,
    version: row.version,
    document: row.document,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: person(row.updatedById),
  };
}

type ProposalRow = {
  id: string;
  workflow: string;
  decisionType: string;
  document: unknown;
  baseVersion: number | null;
  status: ProposalStatus;
  note: string;
  proposedById: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
};

export function toProposalView(row: ProposalRow, currentVersion: number | null, person: (id: string | null) => PersonView): ProposalView {
  return {
    id: row.id,
    scopeKey: scopeKeyOf(row),
    scopeLabel: scopeLabel(row),
    workflow: row.workflow,
    decisionType: row.decisionType,
    document: row.document,
    baseVersion: row.baseVersion,
    currentVersion,
    stale: row.status === "pending" && row.baseVersion !== currentVersion,
    status: row.status,
    note: row.note,
    proposedAt: row.createdAt.toISOString(),
    proposedBy: person(row.proposedById),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: person(row.decidedById),
    decisionNote: row.decisionNote,
  };
}
