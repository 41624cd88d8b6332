/**
 * Evidence files of proposals (proposal_files). Reads are scoped by the
 * proposal: by its id (the caller found it inside the actor's scope) or, for
 * a download by file id, by the same scope as proposals (the agency's members;
 * the organizer's admins once it is no longer a draft), so a forgotten
 * permission check still leaks nothing.
 */
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema";
import type { DB } from "~/db.server";
import { newId, nowIso } from "~/lib/ids.server";
import type { ProposalScope } from "./proposals.server";

type ProposalEb = ExpressionBuilder<Database & { p: Database["proposals"]; c: Database["competitions"] }, "p" | "c">;

function seesNothing(scope: ProposalScope): boolean {
  return scope.agencyIds.length === 0 && scope.organizerIds.length === 0;
}

/** The scope as a where-condition on `p` (proposals) joined with `c` (competitions). Not for an empty scope. */
function visible(eb: ProposalEb, scope: ProposalScope) {
  const ors = [];
  if (scope.agencyIds.length > 0) ors.push(eb("p.agency_id", "in", scope.agencyIds));
  if (scope.organizerIds.length > 0) {
    ors.push(eb.and([eb("c.organizer_id", "in", scope.organizerIds), eb("p.status", "!=", "draft")]));
  }
  return eb.or(ors);
}

/** Who owns a file's proposal and where it is entered: enough to ask `can`. */
export interface FileOwner {
  proposalId: string;
  number: string;
  status: string;
  agencyId: string;
  competitionId: string;
  organizerId: string;
}

export interface ProposalFile {
  id: string;
  proposalId: string;
  slotKey: string;
  storage: "local" | "uploadthing";
  storageKey: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

type FileRow = Database["proposal_files"];

function toFile(r: { [K in keyof FileRow]: FileRow[K] }): ProposalFile {
  return {
    id: r.id,
    proposalId: r.proposal_id,
    slotKey: r.slot_key,
    storage: r.storage,
    storageKey: r.storage_key,
    originalName: r.original_name,
    mimeType: r.mime_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
  };
}

export async function insertProposalFile(
  db: DB,
  f: Omit<ProposalFile, "id" | "createdAt">,
): Promise<ProposalFile> {
  const file: ProposalFile = { ...f, id: newId(), createdAt: nowIso() };
  await db
    .insertInto("proposal_files")
    .values({
      id: file.id,
      proposal_id: file.proposalId,
      slot_key: file.slotKey,
      storage: file.storage,
      storage_key: file.storageKey,
      original_name: file.originalName,
      mime_type: file.mimeType,
      size_bytes: file.sizeBytes,
      sha256: file.sha256,
      uploaded_by: file.uploadedBy,
      created_at: file.createdAt,
    })
    .execute();
  return file;
}

/** One file of one proposal (scoped by the proposal, so an id from elsewhere finds nothing). */
export async function findProposalFile(db: DB, proposalId: string, fileId: string): Promise<ProposalFile | null> {
  const row = await db
    .selectFrom("proposal_files")
    .selectAll()
    .where("id", "=", fileId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
  return row ? toFile(row) : null;
}

export async function deleteProposalFileRow(db: DB, proposalId: string, fileId: string): Promise<boolean> {
  const res = await db
    .deleteFrom("proposal_files")
    .where("id", "=", fileId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** A file with its proposal's ownership, only when the scope may see that proposal. */
export async function findVisibleFile(
  db: DB,
  fileId: string,
  scope: ProposalScope,
): Promise<{ file: ProposalFile; owner: FileOwner } | null> {
  if (seesNothing(scope)) return null;
  const row = await db
    .selectFrom("proposal_files as f")
    .innerJoin("proposals as p", "p.id", "f.proposal_id")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .selectAll("f")
    .select(["p.number", "p.status", "p.agency_id", "p.competition_id", "c.organizer_id"])
    .where("f.id", "=", fileId)
    .where((eb) => visible(eb, scope))
    .executeTakeFirst();
  if (!row) return null;
  return {
    file: toFile(row),
    owner: {
      proposalId: row.proposal_id,
      number: row.number,
      status: row.status,
      agencyId: row.agency_id,
      competitionId: row.competition_id,
      organizerId: row.organizer_id,
    },
  };
}
