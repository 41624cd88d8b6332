/**
 * Replications (replikasi): an agency's Admin Lokal starts one from a catalogue
 * innovation of another agency or from an external source, records its stages
 * (dated on the WIB calendar, with a note and evidence files), its status,
 * what it changed and its facilitator; the source agency confirms or disputes
 * it; an organizer records one for an agency it covers and verifies. A
 * submitted Replikasi-group proposal becomes replications of its sources
 * (syncReplicationsFromProposal). Rules: ~/domain/replication. See
 * docs/replications.md.
 */
import { rm } from "node:fs/promises";
import { receiveEvidenceForm, type ReceivedFile } from "~/lib/evidence-form.server";
import type { Readable } from "node:stream";
import { z } from "zod";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { downloadName, kindOfMime, MB, MIME_TYPES } from "~/domain/filetype";
import { can, hasAgencyRole, isAgencyMember, organizerCoversAgency } from "~/domain/permissions";
import {
  FILE_MAX_MB,
  furthestStage,
  isPubliclyVisible,
  isStage,
  MAX_FILES_PER_STAGE,
  NOTE_MAX,
  DIFFERENCES_MAX,
  REPLICATION_STAGES,
  REPLICATION_STATUSES,
  recordableStages,
  stageProblem,
  statusProblem,
  statusReasonAfter,
  wibDate,
  type ReplicationStage,
  type ReplicationStatus,
} from "~/domain/replication";
import type { Actor } from "~/domain/roles";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { invalidatePublicCache } from "~/lib/public-cache.server";
import { getStorage, newStorageKey, storageFor, StoredFileMissing } from "~/lib/storage.server";
import { appendAudit } from "~/models/audit.server";
import { notifyAgencies } from "~/models/notifications.server";
import { findOrganizer } from "~/models/organizers.server";
import { searchAgencies } from "~/models/agencies.server";
import {
  adminLokalOf,
  countStageFiles,
  findActiveDuplicate,
  findAgencyBasic,
  findAgencyByCode,
  findFile,
  findInnovationOfProposal,
  findReplication,
  findSubmittedProposal,
  findVisibleInnovation,
  listAdoptedBy,
  listFiles,
  listForOrganizer,
  listOfSourceAgency,
  listProposalSources,
  listStages,
  replicationOfProposal,
  searchInnovationsForAdoption,
  type ReplicationRow,
} from "~/models/replications.server";
import { sendMail } from "./mail.server";

export type Result = { ok: true; id: string } | { ok: false; errors: FieldErrors; values?: Record<string, string> };
export interface Ctx {
  now?: Date;
  ip?: string;
  origin?: string;
}

function zodErrors(e: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of e.issues) errors[String(i.path[0] ?? "_form")] ??= i.message as MessageKey;
  return errors;
}

// ---------------------------------------------------------------------------
// Access

type Organizer = NonNullable<Awaited<ReturnType<typeof findOrganizer>>>;

function covers(o: Organizer, agencyProvince: string | null): boolean {
  return organizerCoversAgency({ kind: o.kind, provinceCode: o.province_code }, { provinceCode: agencyProvince });
}

/** Organizers the actor administers that cover the adopter. */
async function coveringOrganizers(db: DB, actor: Actor, r: ReplicationRow): Promise<Organizer[]> {
  const ids = [...new Set(actor.memberships.filter((m) => m.role === "organizer_admin" && m.organizerId).map((m) => m.organizerId as string))];
  const out: Organizer[] = [];
  for (const id of ids) {
    const o = await findOrganizer(db, id);
    if (o && covers(o, r.adopter_province_code)) out.push(o);
  }
  return out;
}

/** May read it: the adopter's people, the source agency's people, organizers covering the adopter. */
async function canRead(db: DB, actor: Actor, r: ReplicationRow): Promise<boolean> {
  if (isAgencyMember(actor, r.adopter_agency_id)) return true;
  if (r.source_agency_id && isAgencyMember(actor, r.source_agency_id)) return true;
  return (await coveringOrganizers(db, actor, r)).length > 0;
}

/** May edit it: the adopter's Admin Lokal, or an admin of the organizer that recorded it (still covering). */
async function canEdit(db: DB, actor: Actor, r: ReplicationRow): Promise<boolean> {
  if (can(actor, "replication.manage", { type: "agency", id: r.adopter_agency_id })) return true;
  if (r.recorded_by_organizer_id && can(actor, "replication.record", { type: "organizer", id: r.recorded_by_organizer_id })) {
    return (await coveringOrganizers(db, actor, r)).some((o) => o.id === r.recorded_by_organizer_id);
  }
  return false;
}

/** The replication for an edit: 404 unknown or not readable, 403 readable but not editable. */
async function loadForEdit(db: DB, actor: Actor, id: string): Promise<ReplicationRow> {
  const r = await findReplication(db, id);
  if (!r) notFound();
  if (await canEdit(db, actor, r)) return r;
  if (await canRead(db, actor, r)) forbidden();
  notFound();
}

// ---------------------------------------------------------------------------
// Views

function stageMap(rows: { replication_id: string; stage: ReplicationStage; happened_on: string; note: string }[]) {
  const m = new Map<string, Partial<Record<ReplicationStage, { happenedOn: string; note: string }>>>();
  for (const s of rows) {
    const e = m.get(s.replication_id) ?? {};
    e[s.stage] = { happenedOn: s.happened_on, note: s.note };
    m.set(s.replication_id, e);
  }
  return m;
}

function summary(r: ReplicationRow) {
  return {
    id: r.id,
    title: r.title,
    source: {
      innovationId: r.source_innovation_id,
      title: r.source_title,
      agencyName: r.source_agency_name,
      agencyId: r.source_agency_id,
      year: r.source_year,
    },
    adopter: { id: r.adopter_agency_id, name: r.adopter_name },
    facilitator: r.facilitator_agency_id ? { id: r.facilitator_agency_id, name: r.facilitator_name ?? "", code: r.facilitator_code ?? "" } : null,
    proposalId: r.proposal_id,
    stage: r.stage,
    status: r.status,
    statusReason: r.status_reason,
    differences: r.differences,
    sourceResponse: r.source_response,
    sourceResponseNote: r.source_response_note,
    sourceRespondedAt: r.source_responded_at,
    verifiedAt: r.verified_at,
    recordedByOrganizerId: r.recorded_by_organizer_id,
    public: isPubliclyVisible(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type ReplicationSummary = ReturnType<typeof summary>;

/**
 * The agency's replications page: the ones it adopts, the ones of its
 * innovations (to confirm or dispute), and the start form's catalogue search
 * (`q`) or preselected innovation (`innovation`). For the agency's people
 * (403 others); canManage / canRespond for its Admin Lokal.
 */
export async function getAgencyReplications(db: DB, actor: Actor, agencyId: string, opts: { q?: string | null; innovation?: string | null } = {}) {
  assertCan(actor, "agency.view", { type: "agency", id: agencyId });
  const agency = await findAgencyBasic(db, agencyId);
  if (!agency) notFound();
  const [own, incoming] = await Promise.all([listAdoptedBy(db, agencyId), listOfSourceAgency(db, agencyId)]);
  const q = (opts.q ?? "").trim().slice(0, 100);
  const results = q ? await searchInnovationsForAdoption(db, agencyId, q) : [];
  let preselected = null;
  if (opts.innovation) {
    const i = await findVisibleInnovation(db, opts.innovation);
    if (i && i.agency_id && i.agency_id !== agencyId) preselected = { id: i.id, title: i.title, agencyName: i.agency_name, year: i.year };
  }
  return {
    agency,
    canManage: can(actor, "replication.manage", { type: "agency", id: agencyId }),
    canRespond: can(actor, "replication.respond", { type: "agency", id: agencyId }),
    own: own.map(summary),
    incoming: incoming.map(summary),
    search: { q, results: results.map((i) => ({ id: i.id, title: i.title, agencyName: i.agency_name, year: i.year, regionName: i.region_name })) },
    preselected,
  };
}

/**
 * One replication, seen from an agency (the adopter or the source agency) or
 * an organizer covering the adopter: stages with dates, notes and files.
 * 404 unless the actor may read it (and, with `agencyId`, it concerns that agency).
 */
export async function getReplication(db: DB, actor: Actor, id: string, opts: { agencyId?: string } = {}) {
  const r = await findReplication(db, id);
  if (!r) notFound();
  if (opts.agencyId && r.adopter_agency_id !== opts.agencyId && r.source_agency_id !== opts.agencyId) notFound();
  if (!(await canRead(db, actor, r))) notFound();
  const [stages, files] = await Promise.all([listStages(db, [r.id]), listFiles(db, r.id)]);
  const byStage = stageMap(stages).get(r.id) ?? {};
  const editable = await canEdit(db, actor, r);
  return {
    replication: summary(r),
    stages: REPLICATION_STAGES.map((s) => ({
      stage: s,
      happenedOn: byStage[s]?.happenedOn ?? null,
      note: byStage[s]?.note ?? "",
      files: files.filter((f) => f.stage === s).map((f) => ({ id: f.id, name: f.original_name, mimeType: f.mime_type, sizeBytes: f.size_bytes })),
    })),
    recordable: editable && r.status === "berjalan" ? recordableStages(r.stage) : [],
    canEdit: editable,
    canRespond: r.source_agency_id !== null && r.source_response !== "external" && can(actor, "replication.respond", { type: "agency", id: r.source_agency_id }),
  };
}

// ---------------------------------------------------------------------------
// Starting (agency) and recording (organizer)

const optionalYear = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : ""))
  .refine((v) => v === "" || (/^\d{4}$/.test(v) && Number(v) >= 1945 && Number(v) <= 2100), "replications.errors.yearInvalid");

export const StartSchema = z
  .object({
    source: z.enum(["innovation", "external"], { errorMap: () => ({ message: "replications.errors.sourceRequired" }) }),
    innovationId: z.string().trim().max(64, "errors.invalid").optional(),
    sourceTitle: z.string().trim().max(300, "errors.tooLong").optional(),
    sourceAgencyName: z.string().trim().max(300, "errors.tooLong").optional(),
    sourceYear: optionalYear,
    title: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(300, "errors.tooLong"),
    happenedOn: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
    note: z.string().trim().max(NOTE_MAX, "errors.tooLong").optional().default(""),
    differences: z.string().trim().max(DIFFERENCES_MAX, "errors.tooLong").optional().default(""),
    facilitatorCode: z.string().trim().max(64, "errors.invalid").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.source === "innovation" && !v.innovationId) ctx.addIssue({ code: "custom", path: ["innovationId"], message: "replications.errors.innovationRequired" });
    if (v.source === "external") {
      if (!v.sourceTitle) ctx.addIssue({ code: "custom", path: ["sourceTitle"], message: "errors.required" });
      if (!v.sourceAgencyName) ctx.addIssue({ code: "custom", path: ["sourceAgencyName"], message: "errors.required" });
    }
  });
export type StartInput = z.input<typeof StartSchema>;

interface NewReplication {
  adopterId: string;
  adopterName: string;
  sourceInnovationId: string | null;
  sourceTitle: string;
  sourceAgencyName: string;
  sourceAgencyId: string | null;
  sourceYear: number | null;
  facilitatorId: string | null;
  proposalId: string | null;
  title: string;
  happenedOn: string;
  note: string;
  differences: string;
  recordedByOrganizerId: string | null;
  competitionId?: string | null;
  /** Made by the Replikasi-proposal hook from this proposal (every row carries proposal_id; unique per source). */
  fromProposal?: string;
}

/** Inserts the replication, its first stage and one audit row; notifies the source agency in-app. */
async function insertReplication(trx: DB, actor: Actor | null, n: NewReplication, at: string, ip?: string): Promise<string> {
  const id = newId();
  const response = n.sourceAgencyId ? "pending" : "external";
  await trx
    .insertInto("replications")
    .values({
      id,
      source_innovation_id: n.sourceInnovationId,
      source_title: n.sourceTitle,
      source_agency_name: n.sourceAgencyName,
      source_agency_id: n.sourceAgencyId,
      source_year: n.sourceYear,
      adopter_agency_id: n.adopterId,
      facilitator_agency_id: n.facilitatorId,
      proposal_id: n.proposalId,
      title: n.title,
      stage: "persiapan",
      status: "berjalan",
      status_reason: null,
      differences: n.differences,
      source_response: response,
      source_response_note: null,
      source_responded_by: null,
      source_responded_at: null,
      verified_by: null,
      verified_at: null,
      verifier_organizer_id: null,
      recorded_by_organizer_id: n.recordedByOrganizerId,
      created_by: actor?.userId ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto("replication_stages")
    .values({ replication_id: id, stage: "persiapan", happened_on: n.happenedOn, note: n.note, updated_by: actor?.userId ?? null, updated_at: at })
    .execute();
  await appendAudit(trx, {
    actorUserId: actor?.userId ?? null,
    action: n.fromProposal ? "replication.fromProposal" : n.recordedByOrganizerId ? "replication.recorded" : "replication.started",
    entityType: "replication",
    entityId: id,
    organizerId: n.recordedByOrganizerId,
    competitionId: n.competitionId ?? null,
    agencyId: n.adopterId,
    after: {
      title: n.title,
      source_innovation_id: n.sourceInnovationId,
      source_title: n.sourceTitle,
      source_agency_name: n.sourceAgencyName,
      source_agency_id: n.sourceAgencyId,
      source_year: n.sourceYear,
      facilitator_agency_id: n.facilitatorId,
      proposal_id: n.proposalId,
      from_proposal_id: n.fromProposal ?? null,
      source_response: response,
      persiapan: n.happenedOn,
    },
    ip: ip ?? null,
  });
  if (n.sourceAgencyId) {
    await notifyAgencies(trx, {
      agencyIds: [n.sourceAgencyId],
      competitionId: null,
      messageKey: "replications.notify.started",
      params: { adopter: n.adopterName, source: n.sourceTitle },
      link: `/agency/${n.sourceAgencyId}/replications`,
      at,
    });
  }
  return id;
}

async function mailSourceAgency(db: DB, sourceAgencyId: string, p: { adopter: string; source: string; title: string; origin?: string }) {
  for (const r of await adminLokalOf(db, sourceAgencyId)) {
    const locale: Locale = r.locale === "en" ? "en" : "id";
    const params = { name: r.name, adopter: p.adopter, source: p.source, title: p.title, link: `${p.origin ?? ""}/agency/${sourceAgencyId}/replications` };
    await sendMail(db, { to: r.email, subject: translate(locale, "replications.mail.started.subject", params), text: translate(locale, "replications.mail.started.body", params) });
  }
}

async function prepareStart(
  db: DB,
  adopter: { id: string; name: string },
  input: StartInput,
  now: Date,
): Promise<{ ok: true; n: NewReplication } | { ok: false; errors: FieldErrors }> {
  const parsed = StartSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const d = parsed.data;
  const dateProblem = stageProblem("persiapan", d.happenedOn, {}, null, now);
  if (dateProblem) return { ok: false, errors: { [dateProblem.field]: dateProblem.error } };
  let facilitatorId: string | null = null;
  if (d.facilitatorCode) {
    const f = await findAgencyByCode(db, d.facilitatorCode.toUpperCase());
    if (!f) return { ok: false, errors: { facilitatorCode: "replications.errors.facilitatorUnknown" } };
    if (f.id === adopter.id) return { ok: false, errors: { facilitatorCode: "replications.errors.facilitatorSelf" } };
    facilitatorId = f.id;
  }
  const common = { adopterId: adopter.id, adopterName: adopter.name, facilitatorId, proposalId: null, title: d.title, happenedOn: d.happenedOn, note: d.note, differences: d.differences };
  if (d.source === "innovation") {
    const i = await findVisibleInnovation(db, d.innovationId ?? "");
    if (!i || !i.agency_id) return { ok: false, errors: { innovationId: "replications.errors.innovationUnknown" } };
    if (i.agency_id === adopter.id) return { ok: false, errors: { innovationId: "replications.errors.ownInnovation" } };
    if (await findActiveDuplicate(db, adopter.id, i.id)) return { ok: false, errors: { innovationId: "replications.errors.duplicate" } };
    return {
      ok: true,
      n: { ...common, sourceInnovationId: i.id, sourceTitle: i.title, sourceAgencyName: i.agency_name, sourceAgencyId: i.agency_id, sourceYear: i.year, recordedByOrganizerId: null },
    };
  }
  return {
    ok: true,
    n: {
      ...common,
      sourceInnovationId: null,
      sourceTitle: d.sourceTitle ?? "",
      sourceAgencyName: d.sourceAgencyName ?? "",
      sourceAgencyId: null,
      sourceYear: d.sourceYear ? Number(d.sourceYear) : null,
      recordedByOrganizerId: null,
    },
  };
}

/**
 * The adopting agency's Admin Lokal starts a replication: from a visible
 * catalogue innovation of another agency (one active per source) or from an
 * external source, with the Persiapan stage's date (WIB, not in the future)
 * and note. Side effects: replications + replication_stages rows, one audit
 * row "replication.started", an in-app notice to the source agency, then a
 * mail to its Admin Lokal. 403 unless Admin Lokal of `agencyId`.
 */
export async function startReplication(db: DB, actor: Actor, agencyId: string, input: StartInput, ctx: Ctx = {}): Promise<Result> {
  assertCan(actor, "replication.manage", { type: "agency", id: agencyId });
  const agency = await findAgencyBasic(db, agencyId);
  if (!agency) notFound();
  const now = ctx.now ?? new Date();
  const prepared = await prepareStart(db, agency, input, now);
  if (!prepared.ok) return prepared;
  const at = nowIso(now);
  const id = await db.transaction().execute((trx) => insertReplication(trx, actor, prepared.n, at, ctx.ip));
  if (prepared.n.sourceAgencyId) await mailSourceAgency(db, prepared.n.sourceAgencyId, { adopter: agency.name, source: prepared.n.sourceTitle, title: prepared.n.title, origin: ctx.origin });
  return { ok: true, id };
}

/**
 * An organizer admin records a replication for an agency it covers (by the
 * agency's code); it may keep it afterwards like the adopter. 403 unless
 * admin of the organizer; an agency it does not cover is refused at the field.
 */
export async function recordReplication(db: DB, actor: Actor, organizerId: string, input: StartInput & { adopterCode?: string }, ctx: Ctx = {}): Promise<Result> {
  assertCan(actor, "replication.record", { type: "organizer", id: organizerId });
  const o = await findOrganizer(db, organizerId);
  if (!o) notFound();
  const adopter = await findAgencyByCode(db, (input.adopterCode ?? "").trim().toUpperCase());
  if (!adopter) return { ok: false, errors: { adopterCode: "replications.errors.agencyUnknown" } };
  if (!covers(o, adopter.province_code)) return { ok: false, errors: { adopterCode: "replications.errors.agencyNotCovered" } };
  const now = ctx.now ?? new Date();
  const prepared = await prepareStart(db, adopter, input, now);
  if (!prepared.ok) return prepared;
  const n = { ...prepared.n, recordedByOrganizerId: organizerId };
  const at = nowIso(now);
  const id = await db.transaction().execute((trx) => insertReplication(trx, actor, n, at, ctx.ip));
  if (n.sourceAgencyId) await mailSourceAgency(db, n.sourceAgencyId, { adopter: adopter.name, source: n.sourceTitle, title: n.title, origin: ctx.origin });
  return { ok: true, id };
}

// ---------------------------------------------------------------------------
// Stages with evidence (multipart: stage, happenedOn, note, then up to 5 "files")

function echo(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["stage", "happenedOn", "note"]) if (k in fields) out[k] = fields[k].slice(0, NOTE_MAX + 100);
  return out;
}

export type StageResult = { ok: true } | { ok: false; errors: FieldErrors; values: Record<string, string>; fileName?: string };

/**
 * Records (or corrects) a stage from a multipart form: the next stage or one
 * already reached, its WIB date (not in the future, not before the previous
 * stage, not after the next one) and note, and evidence files (PDF/JPG/PNG,
 * 10 MB each, up to 5 per stage, typed by their bytes). Only while berjalan.
 * Side effects, one transaction: the stage row, the replication's furthest
 * stage, file rows, one audit row "replication.stageRecorded" (stored files
 * are removed again if it fails). 404 / 403 as loadForEdit.
 */
export async function saveStage(db: DB, actor: Actor, replicationId: string, request: Request, ctx: Ctx = {}): Promise<StageResult> {
  const r = await loadForEdit(db, actor, replicationId);
  const now = ctx.now ?? new Date();
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_FILES_PER_STAGE * FILE_MAX_MB * MB + MB) {
    return { ok: false, errors: { files: "replications.errors.fileTooLarge" }, values: {} };
  }
  const received = await receiveEvidenceForm(request, { area: "replications", maxFiles: MAX_FILES_PER_STAGE, maxMb: FILE_MAX_MB });
  const values = echo(received.fields);
  if (!received.ok) return { ok: false, errors: { files: received.failure.error }, values, fileName: received.failure.fileName };
  const temps = received.files;
  const cleanup = () => Promise.all(temps.map((f) => rm(f.path, { force: true })));
  try {
    if (r.status !== "berjalan") return { ok: false, errors: { _form: "replications.errors.notRunning" }, values };
    const stage = received.fields.stage ?? "";
    const happenedOn = (received.fields.happenedOn ?? "").trim();
    const note = (received.fields.note ?? "").trim();
    if (!isStage(stage)) return { ok: false, errors: { stage: "replications.errors.stageOrder" }, values };
    if (note.length > NOTE_MAX) return { ok: false, errors: { note: "errors.tooLong" }, values };
    const stages = await listStages(db, [r.id]);
    const recorded: Partial<Record<ReplicationStage, string>> = {};
    for (const s of stages) recorded[s.stage] = s.happened_on;
    const problem = stageProblem(stage, happenedOn, recorded, r.stage, now);
    if (problem) return { ok: false, errors: { [problem.field]: problem.error }, values };
    if (!recorded[stage] && note === "") return { ok: false, errors: { note: "replications.errors.noteRequired" }, values };
    if ((await countStageFiles(db, r.id, stage)) + temps.length > MAX_FILES_PER_STAGE) {
      return { ok: false, errors: { files: "replications.errors.tooManyFiles" }, values };
    }

    const storage = getStorage();
    const stored: { storage: "local" | "uploadthing"; storageKey: string; file: ReceivedFile }[] = [];
    const forget = () =>
      Promise.all(stored.map((s) => storageFor(s.storage).delete(s.storageKey).catch((e) => console.error("replications: removing an unrecorded object failed", e))));
    try {
      for (const f of temps) {
        const s = await storage.put(f.path, { key: newStorageKey(), mime: MIME_TYPES[f.kind], size: f.size });
        stored.push({ ...s, file: f });
      }
    } catch (e) {
      console.error("replications: storing an upload failed", e);
      await forget();
      return { ok: false, errors: { files: "replications.errors.storage" }, values };
    }
    const at = nowIso(now);
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const fresh = await findReplication(trx, r.id);
        if (!fresh || fresh.status !== "berjalan" || fresh.stage !== r.stage || fresh.updated_at !== r.updated_at) return "changed" as const;
        const before = recorded[stage] ? stages.find((s) => s.stage === stage) : null;
        if (before) {
          await trx
            .updateTable("replication_stages")
            .set({ happened_on: happenedOn, note: note || before.note, updated_by: actor.userId, updated_at: at })
            .where("replication_id", "=", r.id)
            .where("stage", "=", stage)
            .execute();
        } else {
          await trx.insertInto("replication_stages").values({ replication_id: r.id, stage, happened_on: happenedOn, note, updated_by: actor.userId, updated_at: at }).execute();
        }
        const furthest = furthestStage(r.stage, stage);
        await trx.updateTable("replications").set({ stage: furthest, updated_at: at }).where("id", "=", r.id).execute();
        const rows = stored.map((s) => ({
          id: newId(),
          replication_id: r.id,
          stage,
          storage: s.storage,
          storage_key: s.storageKey,
          original_name: s.file.originalName,
          mime_type: MIME_TYPES[s.file.kind],
          size_bytes: s.file.size,
          sha256: s.file.sha256,
          uploaded_by: actor.userId,
          created_at: at,
        }));
        if (rows.length > 0) await trx.insertInto("replication_files").values(rows).execute();
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: "replication.stageRecorded",
          entityType: "replication",
          entityId: r.id,
          organizerId: r.recorded_by_organizer_id,
          agencyId: r.adopter_agency_id,
          before: { stage: r.stage, [stage]: before ? { happened_on: before.happened_on, note: before.note } : null },
          after: {
            stage: furthest,
            [stage]: { happened_on: happenedOn, note: note || before?.note || "" },
            files: rows.map((f) => ({ name: f.original_name, mime: f.mime_type, size: f.size_bytes, sha256: f.sha256, storage: f.storage })),
          },
          ip: ctx.ip ?? null,
        });
        return "ok" as const;
      });
      if (outcome === "changed") {
        await forget();
        return { ok: false, errors: { _form: "replications.errors.changed" }, values };
      }
    } catch (e) {
      await forget();
      throw e;
    }
    if (isPubliclyVisible(r)) invalidatePublicCache();
    return { ok: true };
  } finally {
    await cleanup();
  }
}

/**
 * Remove one evidence file of a stage (a wrong upload). Only who may edit the
 * replication, and only while it runs (a finished or stopped one keeps its
 * record as it was). The row goes in one transaction with its audit row; the
 * stored object is deleted after the commit (a failure there is logged: the
 * record no longer points at it).
 */
export async function removeStageFile(db: DB, actor: Actor, replicationId: string, fileId: string, ctx: Ctx = {}): Promise<Result> {
  const r = await loadForEdit(db, actor, replicationId);
  const f = await findFile(db, r.id, fileId);
  if (!f) notFound();
  if (r.status !== "berjalan") return { ok: false, errors: { _form: "replications.errors.notRunning" } };
  const at = nowIso(ctx.now);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("replication_files").where("id", "=", f.id).where("replication_id", "=", r.id).execute();
    await trx.updateTable("replications").set({ updated_at: at }).where("id", "=", r.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "replication.fileRemoved",
      entityType: "replication",
      entityId: r.id,
      organizerId: r.recorded_by_organizer_id,
      agencyId: r.adopter_agency_id,
      before: { stage: f.stage, file: { id: f.id, name: f.original_name, mime: f.mime_type, size: f.size_bytes, sha256: f.sha256, storage: f.storage } },
      after: null,
      ip: ctx.ip ?? null,
    });
  });
  await storageFor(f.storage)
    .delete(f.storage_key)
    .catch((e) => console.error("replications: removing a deleted file's object failed", e));
  if (isPubliclyVisible(r)) invalidatePublicCache();
  return { ok: true, id: f.id };
}

// ---------------------------------------------------------------------------
// Status, details

export const StatusSchema = z.object({
  status: z.enum(REPLICATION_STATUSES, { errorMap: () => ({ message: "replications.errors.statusRequired" }) }),
  reason: z.string().max(5000, "errors.tooLong").optional().default(""),
});

/**
 * The status: selesai (needs Evaluasi), dihentikan (needs a reason), or back
 * to berjalan (reopening, needs a reason). One audit row "replication.status".
 */
export async function setReplicationStatus(db: DB, actor: Actor, replicationId: string, input: z.input<typeof StatusSchema>, ctx: Ctx = {}): Promise<Result> {
  const r = await loadForEdit(db, actor, replicationId);
  const parsed = StatusSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const to = parsed.data.status as ReplicationStatus;
  const problem = statusProblem({ status: r.status, stage: r.stage }, to, parsed.data.reason);
  if (problem) return { ok: false, errors: { [problem.field]: problem.error } };
  const at = nowIso(ctx.now ?? new Date());
  const reason = statusReasonAfter(to, parsed.data.reason);
  const done = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("replications")
      .set({ status: to, status_reason: reason, updated_at: at })
      .where("id", "=", r.id)
      .where("status", "=", r.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: to === "berjalan" ? "replication.reopened" : "replication.status",
      entityType: "replication",
      entityId: r.id,
      organizerId: r.recorded_by_organizer_id,
      agencyId: r.adopter_agency_id,
      before: { status: r.status, status_reason: r.status_reason },
      after: { status: to, status_reason: reason },
      ip: ctx.ip ?? null,
    });
    return true;
  });
  if (!done) return { ok: false, errors: { _form: "replications.errors.changed" } };
  if (isPubliclyVisible(r)) invalidatePublicCache();
  return { ok: true, id: r.id };
}

export const DetailsSchema = z.object({
  title: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(300, "errors.tooLong"),
  differences: z.string().trim().max(DIFFERENCES_MAX, "errors.tooLong").optional().default(""),
  facilitatorCode: z.string().trim().max(64, "errors.invalid").optional().default(""),
});

/** Title, "faktor pembeda" and facilitator (by agency code; empty clears it). One audit row "replication.updated". */
export async function updateReplicationDetails(db: DB, actor: Actor, replicationId: string, input: z.input<typeof DetailsSchema>, ctx: Ctx = {}): Promise<Result> {
  const r = await loadForEdit(db, actor, replicationId);
  const parsed = DetailsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const d = parsed.data;
  let facilitatorId: string | null = null;
  if (d.facilitatorCode) {
    const f = await findAgencyByCode(db, d.facilitatorCode.toUpperCase());
    if (!f) return { ok: false, errors: { facilitatorCode: "replications.errors.facilitatorUnknown" } };
    if (f.id === r.adopter_agency_id) return { ok: false, errors: { facilitatorCode: "replications.errors.facilitatorSelf" } };
    facilitatorId = f.id;
  }
  const at = nowIso(ctx.now ?? new Date());
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("replications").set({ title: d.title, differences: d.differences, facilitator_agency_id: facilitatorId, updated_at: at }).where("id", "=", r.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "replication.updated",
      entityType: "replication",
      entityId: r.id,
      organizerId: r.recorded_by_organizer_id,
      agencyId: r.adopter_agency_id,
      before: { title: r.title, differences: r.differences, facilitator_agency_id: r.facilitator_agency_id },
      after: { title: d.title, differences: d.differences, facilitator_agency_id: facilitatorId },
      ip: ctx.ip ?? null,
    });
  });
  if (isPubliclyVisible(r)) invalidatePublicCache();
  return { ok: true, id: r.id };
}

// ---------------------------------------------------------------------------
// The source agency's answer

export const RespondSchema = z
  .object({
    response: z.enum(["confirmed", "disputed"], { errorMap: () => ({ message: "replications.errors.responseRequired" }) }),
    note: z.string().trim().max(NOTE_MAX, "errors.tooLong").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.response === "disputed" && v.note === "") ctx.addIssue({ code: "custom", path: ["note"], message: "replications.errors.disputeNoteRequired" });
  });

/**
 * The source agency's Admin Lokal confirms or disputes (with a note) a
 * replication of its innovation; it may change its answer. Side effects: the
 * answer, one audit row "replication.responded", an in-app notice to the
 * adopter and a mail to its Admin Lokal. 403 unless Admin Lokal of
 * `agencyId`; 404 unless the replication's source agency is `agencyId`.
 */
export async function respondToReplication(db: DB, actor: Actor, agencyId: string, replicationId: string, input: z.input<typeof RespondSchema>, ctx: Ctx = {}): Promise<Result> {
  assertCan(actor, "replication.respond", { type: "agency", id: agencyId });
  const r = await findReplication(db, replicationId);
  if (!r || r.source_agency_id !== agencyId || r.source_response === "external") notFound();
  const parsed = RespondSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const d = parsed.data;
  const at = nowIso(ctx.now ?? new Date());
  const sourceName = (await findAgencyBasic(db, agencyId))?.name ?? r.source_agency_name;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("replications")
      .set({ source_response: d.response, source_response_note: d.note || null, source_responded_by: actor.userId, source_responded_at: at, updated_at: at })
      .where("id", "=", r.id)
      .where("source_agency_id", "=", agencyId)
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "replication.responded",
      entityType: "replication",
      entityId: r.id,
      organizerId: r.recorded_by_organizer_id,
      agencyId,
      before: { source_response: r.source_response, source_response_note: r.source_response_note },
      after: { source_response: d.response, source_response_note: d.note || null, adopter_agency_id: r.adopter_agency_id },
      ip: ctx.ip ?? null,
    });
    await notifyAgencies(trx, {
      agencyIds: [r.adopter_agency_id],
      competitionId: null,
      messageKey: d.response === "confirmed" ? "replications.notify.confirmed" : "replications.notify.disputed",
      params: { source: sourceName, title: r.title },
      link: `/agency/${r.adopter_agency_id}/replications/${r.id}`,
      at,
    });
  });
  for (const p of await adminLokalOf(db, r.adopter_agency_id)) {
    const locale: Locale = p.locale === "en" ? "en" : "id";
    const params = {
      name: p.name,
      source: sourceName,
      title: r.title,
      response: translate(locale, d.response === "confirmed" ? "replications.response.confirmed" : "replications.response.disputed"),
      note: d.note || "—",
      link: `${ctx.origin ?? ""}/agency/${r.adopter_agency_id}/replications/${r.id}`,
    };
    await sendMail(db, { to: p.email, subject: translate(locale, "replications.mail.responded.subject", params), text: translate(locale, "replications.mail.responded.body", params) });
  }
  invalidatePublicCache();
  return { ok: true, id: r.id };
}

// ---------------------------------------------------------------------------
// Organizer: list, verify

/** The organizer's replications page: replications of agencies it covers. 403 unless its admin. */
export async function getOrganizerReplications(db: DB, actor: Actor, organizerId: string, opts: { q?: string | null; agencyQ?: string | null } = {}) {
  assertCan(actor, "replication.record", { type: "organizer", id: organizerId });
  const o = await findOrganizer(db, organizerId);
  if (!o) notFound();
  const scope = o.kind === "national" ? null : (o.province_code ?? "--none--");
  const q = (opts.q ?? "").trim().slice(0, 100);
  const agencyQ = (opts.agencyQ ?? "").trim().slice(0, 100);
  const [rows, innovations, agencies] = await Promise.all([
    listForOrganizer(db, scope),
    q ? searchInnovationsForAdoption(db, "", q) : Promise.resolve([]),
    // Only agencies this organizer covers (the ones it may record for).
    agencyQ ? searchAgencies(db, { q: agencyQ, provinceCode: scope, pageSize: 20 }) : Promise.resolve(null),
  ]);
  return {
    organizer: { id: o.id, name: o.name, kind: o.kind },
    replications: rows.map(summary),
    search: {
      q,
      innovations: innovations.map((i) => ({ id: i.id, title: i.title, agencyName: i.agency_name, year: i.year, regionName: i.region_name })),
      agencyQ,
      agencies: (agencies?.rows ?? []).map((a) => ({ code: a.code, name: a.name, regionName: a.regency_name ?? a.province_name })),
      agenciesTotal: agencies?.total ?? 0,
    },
  };
}

/**
 * An organizer admin verifies a replication of an agency it covers (external
 * ones become public this way). One audit row "replication.verified".
 * 403 unless admin of `organizerId`; 404 when it does not cover the adopter.
 */
export async function verifyReplication(db: DB, actor: Actor, organizerId: string, replicationId: string, ctx: Ctx = {}): Promise<Result> {
  assertCan(actor, "replication.record", { type: "organizer", id: organizerId });
  const o = await findOrganizer(db, organizerId);
  if (!o) notFound();
  const r = await findReplication(db, replicationId);
  if (!r || !covers(o, r.adopter_province_code)) notFound();
  if (r.verified_at) return { ok: false, errors: { _form: "replications.errors.alreadyVerified" } };
  const at = nowIso(ctx.now ?? new Date());
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("replications").set({ verified_by: actor.userId, verified_at: at, verifier_organizer_id: organizerId, updated_at: at }).where("id", "=", r.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "replication.verified",
      entityType: "replication",
      entityId: r.id,
      organizerId,
      agencyId: r.adopter_agency_id,
      before: { verified_at: null },
      after: { verified_at: at, verifier_organizer_id: organizerId },
      ip: ctx.ip ?? null,
    });
  });
  invalidatePublicCache();
  return { ok: true, id: r.id };
}

// ---------------------------------------------------------------------------
// The Replikasi-proposal hook

/**
 * A submitted Replikasi-group proposal appears as replications of its sources
 * (proposal_sources): a platform source → its catalogue innovation when
 * published (pending the source agency's answer), else an external source with
 * the source proposal's title, agency and year; an external source → external.
 * Stage persiapan dated the submission day (WIB), status berjalan. The first
 * one carries proposal_id (unique in the schema), which makes this idempotent:
 * once it exists, a resubmission adds nothing. Returns how many were added.
 * Called by submitProposal after its transaction.
 */
export async function syncReplicationsFromProposal(db: DB, proposalId: string): Promise<number> {
  const p = await findSubmittedProposal(db, proposalId);
  if (!p || p.status !== "submitted" || !p.submitted_at) return 0;
  if (await replicationOfProposal(db, proposalId)) return 0;
  const sources = await listProposalSources(db, proposalId);
  if (sources.length === 0) return 0;
  const adopter = await findAgencyBasic(db, p.agency_id);
  if (!adopter) return 0;
  const happenedOn = wibDate(new Date(p.submitted_at));
  const at = nowIso();
  const news: NewReplication[] = [];
  for (const s of sources) {
    const base = {
      adopterId: adopter.id,
      adopterName: adopter.name,
      facilitatorId: null,
      proposalId: null as string | null,
      title: p.title || "—",
      happenedOn,
      note: "",
      differences: "",
      recordedByOrganizerId: null,
      competitionId: p.competition_id,
      fromProposal: p.id,
    };
    if (s.source_proposal_id) {
      const i = await findInnovationOfProposal(db, s.source_proposal_id);
      if (i && i.agency_id && i.agency_id !== adopter.id) {
        news.push({ ...base, sourceInnovationId: i.id, sourceTitle: i.title, sourceAgencyName: i.agency_name, sourceAgencyId: i.agency_id, sourceYear: i.year });
      } else {
        news.push({ ...base, sourceInnovationId: null, sourceTitle: s.src_title ?? "—", sourceAgencyName: s.src_agency_name ?? "—", sourceAgencyId: null, sourceYear: s.src_year ?? null });
      }
    } else {
      news.push({ ...base, sourceInnovationId: null, sourceTitle: s.external_title ?? "—", sourceAgencyName: s.external_agency ?? "—", sourceAgencyId: null, sourceYear: s.external_year ?? null });
    }
  }
  for (const n of news) n.proposalId = proposalId;
  const actor = null;
  const added = await db
    .transaction()
    .execute(async (trx) => {
      if (await replicationOfProposal(trx, proposalId)) return 0;
      for (const n of news) await insertReplication(trx, actor, n, at);
      return news.length;
    })
    .catch((e: unknown) => {
      // Two submissions at once: the unique (proposal, source) index lets only one through.
      console.error("replications: proposal sync failed", e);
      return 0;
    });
  return added;
}

// ---------------------------------------------------------------------------
// Evidence downloads

export interface ReplicationFileDownload {
  stream: Readable;
  size: number;
  mime: string;
  name: string;
}

/**
 * An evidence file, for those who may read the replication (the adopter's
 * and source agency's people, organizers covering the adopter). Anyone else,
 * signed out included, gets the same 404 as for an id that does not exist.
 */
export async function openReplicationFile(db: DB, actor: Actor | null, replicationId: string, fileId: string): Promise<ReplicationFileDownload> {
  if (!actor) notFound();
  const r = await findReplication(db, replicationId);
  if (!r || !(await canRead(db, actor, r))) notFound();
  const f = await findFile(db, r.id, fileId);
  if (!f) notFound();
  const kind = kindOfMime(f.mime_type) ?? "pdf";
  try {
    const { stream, size } = await storageFor(f.storage).get(f.storage_key);
    return { stream, size: size ?? f.size_bytes, mime: MIME_TYPES[kind], name: downloadName(f.original_name, kind) };
  } catch (e) {
    if (e instanceof StoredFileMissing) notFound();
    throw e;
  }
}

/** For the UI: whether the actor is an Admin Lokal of an agency other than the innovation's. */
export function mayReplicate(actor: Actor | null, innovationAgencyId: string | null): string | null {
  if (!actor) return null;
  const m = actor.memberships.find((x) => x.role === "admin_lokal" && x.agencyId && x.agencyId !== innovationAgencyId);
  return m?.agencyId && hasAgencyRole(actor, m.agencyId, "admin_lokal") ? m.agencyId : null;
}

