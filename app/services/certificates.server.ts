/**
 * Certificates (Piagam penghargaan): signatory settings per edition, issuing
 * for the winners of the CURRENT published winners announcement (idempotent;
 * a correction's re-issue revokes those no longer winners), revoking with a
 * reason, the PDF of one and a ZIP of all, an agency's own certificates and
 * the public verification by code.
 *
 * Source of truth for who gets a certificate is the announcement's entry
 * snapshot (what was published), not the winners table, which the organizer
 * may already be changing for a correction that is not yet published.
 */
import { zipSync } from "fflate";
import { sql } from "kysely";
import { assertCan } from "~/auth/actor.server";
import { isPostgres, type DB } from "~/db.server";
import { newCertificateCode, normalizeCertificateCode, planCertificates } from "~/domain/certificates";
import { can } from "~/domain/permissions";
import { wibDate } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import { renderCertificatePdf, type CertificatePdfData } from "~/lib/certificate-pdf.server";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { findAgency } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import {
  activeCertificates,
  announcedWinners,
  codesTaken,
  currentWinnersAnnouncement,
  findCertificate,
  findCertificateByCode,
  insertCertificates,
  listAgencyCertificates,
  listCompetitionCertificates,
  revokeCertificates,
  updateSignatory,
  type NewCertificate,
} from "~/models/certificates.server";
import { invalidatePublicCache } from "~/lib/public-cache.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import type { CertificateSettingsInput } from "~/schemas/certificates";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** The competition by slug, if the actor manages its awards: 404 unknown, 403 otherwise. */
async function managedCompetition(db: DB, actor: Actor, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "award.manage", competitionResource(c));
  return c;
}

/** The absolute verification URL printed on a certificate and encoded in its QR code. */
export function verifyUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/verify/${code}`;
}

function signatoryOf(c: Competition) {
  return { signatoryName: c.certificate_signatory_name, signatoryTitle: c.certificate_signatory_title, place: c.certificate_place };
}

interface CertificateListRow {
  id: string;
  code: string;
  proposal_number: string;
  innovation_title: string;
  agency_name: string;
  tier_name_id: string;
  tier_name_en: string;
  issued_on: string;
  issued_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
}

function certificateView(r: CertificateListRow) {
  return {
    id: r.id,
    code: r.code,
    proposalNumber: r.proposal_number,
    innovationTitle: r.innovation_title,
    agencyName: r.agency_name,
    tierNameId: r.tier_name_id,
    tierNameEn: r.tier_name_en,
    issuedOn: r.issued_on,
    issuedAt: r.issued_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

/** What issuing now would do: the current winners announcement and the plan against the active certificates. */
async function currentPlan(db: DB, competitionId: string) {
  const announcement = await currentWinnersAnnouncement(db, competitionId);
  const winners = announcement ? await announcedWinners(db, announcement.id) : [];
  const active = await activeCertificates(db, competitionId);
  const plan = planCertificates(
    winners.map((w) => ({ ...w, proposalId: w.proposal_id, tierId: w.tier_id })),
    active.map((a) => ({ proposalId: a.proposal_id, tierId: a.tier_id, certificateId: a.id })),
  );
  return { announcement, winners, active, plan };
}

// ---------------------------------------------------------------------------
// Organizer page

/**
 * The organizer's certificates page: signatory settings, the current winners
 * announcement with what issuing would do, and every certificate of the
 * edition. A fixed number of queries. 404 unknown slug, 403 unless award.manage.
 */
export async function getCertificatesPage(db: DB, actor: Actor, slug: string) {
  const c = await managedCompetition(db, actor, slug);
  const { announcement, plan } = await currentPlan(db, c.id);
  const rows = await listCompetitionCertificates(db, c.id);
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, year: c.year },
    settings: signatoryOf(c),
    announcement: announcement
      ? { id: announcement.id, number: announcement.number, title: announcement.title, publishedAt: announcement.published_at }
      : null,
    plan: {
      issue: plan.issue.map((w) => ({ proposalNumber: w.proposal_number, title: w.title, agencyName: w.agency_name, tierNameId: w.label_id, tierNameEn: w.label_en })),
      revoke: plan.revoke.length,
      keep: plan.keep.length,
    },
    certificates: rows.map(certificateView),
    activeCount: rows.filter((r) => !r.revoked_at).length,
  };
}

/** Signatory name, title and place of the edition's certificates (printed on those issued afterwards). Audited. */
export async function updateCertificateSettings(db: DB, actor: Actor, slug: string, input: CertificateSettingsInput, now = new Date()) {
  const c = await managedCompetition(db, actor, slug);
  const before = signatoryOf(c);
  const after = { signatoryName: input.signatoryName, signatoryTitle: input.signatoryTitle, place: input.place };
  if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
  await db.transaction().execute(async (trx) => {
    await updateSignatory(trx, c.id, after, nowIso(now));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "certificate.settingsUpdated",
      entityType: "competition",
      entityId: c.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before,
      after,
    });
  });
  return { changed: true };
}

export type IssueResult =
  | { ok: true; issued: number; revoked: number; kept: number }
  | { ok: false; errors: FieldErrors };

/**
 * Issue certificates for the winners of the current (published, not
 * superseded) winners announcement of the edition. Idempotent: a winner
 * with an active certificate of the same tier keeps it. After a correction,
 * active certificates of proposals no longer listed (or listed under another
 * tier) are revoked with `reason`, which is then required.
 *
 * Side effects, in one transaction: certificates inserted (snapshot of the
 * entry and the signatory, WIB date of issue, fresh unguessable code),
 * certificates revoked, one audit row "certificate.issued" (none when
 * nothing changed).
 */
export async function issueCertificates(
  db: DB,
  actor: Actor,
  slug: string,
  input: { reason: string },
  now = new Date(),
): Promise<IssueResult> {
  const c0 = await managedCompetition(db, actor, slug);
  const result = await issueInTransaction(db, actor, slug, input, now, c0);
  if (result.ok) invalidatePublicCache();
  return result;
}

async function issueInTransaction(
  db: DB,
  actor: Actor,
  slug: string,
  input: { reason: string },
  now: Date,
  c0: Awaited<ReturnType<typeof managedCompetition>>,
): Promise<IssueResult> {
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent issuing on PostgreSQL (SQLite transactions already are).
    if (isPostgres(trx)) await sql`select id from competitions where id = ${c0.id} for update`.execute(trx);
    const c = (await findCompetitionBySlug(trx, slug)) ?? c0;
    const { announcement, plan, active } = await currentPlan(trx, c.id);
    if (!announcement) return { ok: false as const, errors: { _form: "certificates.errors.noAnnouncement" } };
    if (!c.certificate_signatory_name.trim() || !c.certificate_signatory_title.trim()) {
      return { ok: false as const, errors: { _form: "certificates.errors.noSignatory" } };
    }
    const reason = input.reason.trim();
    if (plan.revoke.length > 0 && reason.length === 0) return { ok: false as const, errors: { reason: "certificates.errors.reasonRequired" } };
    if (plan.revoke.length > 0 && reason.length < 10) return { ok: false as const, errors: { reason: "certificates.errors.reasonShort" } };
    if (plan.issue.length === 0 && plan.revoke.length === 0) return { ok: true as const, issued: 0, revoked: 0, kept: plan.keep.length };

    const at = nowIso(now);
    const codes = await freshCodes(trx, plan.issue.length);
    const rows: NewCertificate[] = plan.issue.map((w, i) => ({
      id: newId(),
      competitionId: c.id,
      proposalId: w.proposal_id,
      agencyId: w.agency_id,
      tierId: w.tier_id,
      code: codes[i],
      editionName: c.name,
      tierNameId: w.label_id,
      tierNameEn: w.label_en,
      innovationTitle: w.title,
      agencyName: w.agency_name,
      signatoryName: c.certificate_signatory_name,
      signatoryTitle: c.certificate_signatory_title,
      place: c.certificate_place,
      issuedOn: wibDate(at),
      issuedAt: at,
      issuedBy: actor.userId,
    }));
    const codeOf = new Map(active.map((a) => [a.id, a.code]));
    const revoked = await revokeCertificates(
      trx,
      c.id,
      plan.revoke.map((r) => ({ id: r.certificateId, reason })),
      at,
    );
    await insertCertificates(trx, rows);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "certificate.issued",
      entityType: "competition",
      entityId: c.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { active: active.length },
      after: {
        announcementId: announcement.id,
        announcementNumber: announcement.number,
        issued: rows.map((r) => ({ id: r.id, code: r.code, proposalId: r.proposalId, tier: r.tierNameId })),
        revoked: plan.revoke.map((r) => ({ id: r.certificateId, code: codeOf.get(r.certificateId), proposalId: r.proposalId, why: r.reason })),
        reason: plan.revoke.length > 0 ? reason : null,
        kept: plan.keep.length,
      },
    });
    return { ok: true as const, issued: rows.length, revoked, kept: plan.keep.length };
  });
}

/** `n` new codes, distinct from each other and from every stored code (a collision is ~2^-60, but cheap to rule out). */
async function freshCodes(db: DB, n: number): Promise<string[]> {
  const out = new Set<string>();
  while (out.size < n) {
    const batch = Array.from({ length: n - out.size }, () => newCertificateCode()).filter((code) => !out.has(code));
    const taken = await codesTaken(db, batch);
    for (const code of batch) if (!taken.has(code)) out.add(code);
  }
  return [...out];
}

/** Revoke one active certificate of the edition with a reason. Audited "certificate.revoked". */
export async function revokeCertificate(
  db: DB,
  actor: Actor,
  slug: string,
  input: { certificateId: string; reason: string },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const c = await managedCompetition(db, actor, slug);
  const cert = await findCertificate(db, input.certificateId);
  // Scoped: another edition's certificate is as unknown as a missing one.
  if (!cert || cert.competition_id !== c.id) notFound();
  if (cert.revoked_at) return { ok: false, errors: { _form: "certificates.errors.alreadyRevoked" } };
  const at = nowIso(now);
  const result: { ok: true } | { ok: false; errors: FieldErrors } = await db.transaction().execute(async (trx) => {
    const changed = await revokeCertificates(trx, c.id, [{ id: cert.id, reason: input.reason }], at);
    if (changed === 0) return { ok: false as const, errors: { _form: "certificates.errors.alreadyRevoked" as const } };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "certificate.revoked",
      entityType: "certificate",
      entityId: cert.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: cert.agency_id,
      before: { code: cert.code, revokedAt: null },
      after: { code: cert.code, revokedAt: at, reason: input.reason },
    });
    return { ok: true as const };
  });
  // The verification page must say "revoked" at once.
  if (result.ok) invalidatePublicCache();
  return result;
}

// ---------------------------------------------------------------------------
// PDF and ZIP

function pdfData(r: NonNullable<Awaited<ReturnType<typeof findCertificate>>> | Awaited<ReturnType<typeof listCompetitionCertificates>>[number]): CertificatePdfData {
  return {
    code: r.code,
    editionName: r.edition_name,
    tierNameId: r.tier_name_id,
    tierNameEn: r.tier_name_en,
    innovationTitle: r.innovation_title,
    agencyName: r.agency_name,
    signatoryName: r.signatory_name,
    signatoryTitle: r.signatory_title,
    place: r.place,
    issuedOn: r.issued_on,
    issuedAt: r.issued_at,
  };
}

/** "piagam-KIPP2025-000012-ABCD-EFGH-JKMN.pdf": unique per certificate and ASCII only. */
function pdfName(r: { proposal_number: string; code: string }): string {
  return `piagam-${r.proposal_number.replace(/[^A-Za-z0-9-]/g, "_")}-${r.code}.pdf`;
}

/**
 * The PDF of one active certificate, for the organizer of its edition
 * (award.manage) or the people of the winning agency (certificate.download).
 * Everyone else, a revoked certificate and an unknown id: the same 404.
 */
export async function certificatePdf(db: DB, actor: Actor | null, id: string, origin: string) {
  const cert = await findCertificate(db, id);
  if (!cert || cert.revoked_at || !actor) notFound();
  const allowed =
    can(actor, "award.manage", { type: "competition", id: cert.competition_id, organizerId: cert.organizer_id }) ||
    can(actor, "certificate.download", { type: "agency", id: cert.agency_id });
  if (!allowed) notFound();
  const bytes = await renderCertificatePdf(pdfData(cert), verifyUrl(origin, cert.code));
  return { filename: pdfName(cert), bytes };
}

/** Every active certificate of the edition as one ZIP (one PDF each). 404 when there is none. */
export async function certificatesZip(db: DB, actor: Actor, slug: string, origin: string) {
  const c = await managedCompetition(db, actor, slug);
  const rows = (await listCompetitionCertificates(db, c.id)).filter((r) => !r.revoked_at);
  if (rows.length === 0) notFound();
  const files: Record<string, Uint8Array> = {};
  for (const r of rows) files[pdfName(r)] = await renderCertificatePdf(pdfData(r), verifyUrl(origin, r.code));
  // PDFs are already compressed: store them.
  const bytes = zipSync(files, { level: 0, mtime: new Date(rows[0].issued_at) });
  return { filename: `piagam-${c.slug}.zip`, bytes, count: rows.length };
}

// ---------------------------------------------------------------------------
// Agency

/** An agency's own certificates (every edition). 404 unknown agency, 403 unless certificate.download for it. */
export async function getAgencyCertificates(db: DB, actor: Actor, agencyId: string) {
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  assertCan(actor, "certificate.download", { type: "agency", id: agency.id });
  const rows = await listAgencyCertificates(db, agency.id);
  return {
    agency: { id: agency.id, name: agency.name, code: agency.code },
    certificates: rows.map((r) => ({ ...certificateView(r), competitionName: r.competition_name, competitionYear: Number(r.competition_year) })),
  };
}

// ---------------------------------------------------------------------------
// Public verification

export type Verification =
  | { kind: "invalid" }
  | { kind: "notFound"; code: string }
  | {
      kind: "valid" | "revoked";
      code: string;
      editionName: string;
      tierNameId: string;
      tierNameEn: string;
      innovationTitle: string;
      agencyName: string;
      signatoryName: string;
      signatoryTitle: string;
      place: string;
      issuedOn: string;
      revokedAt: string | null;
    };

/**
 * Public: what a typed or scanned code says. Only the printed snapshot of a
 * certificate is read (certificates exist only for published winners) and a
 * revoked one shows when, not why (the reason is the organizer's note).
 */
export async function verifyCertificate(db: DB, rawCode: string): Promise<Verification> {
  const code = normalizeCertificateCode(rawCode);
  if (!code) return { kind: "invalid" };
  const r = await findCertificateByCode(db, code);
  if (!r) return { kind: "notFound", code };
  return {
    kind: r.revoked_at ? "revoked" : "valid",
    code: r.code,
    editionName: r.edition_name,
    tierNameId: r.tier_name_id,
    tierNameEn: r.tier_name_en,
    innovationTitle: r.innovation_title,
    agencyName: r.agency_name,
    signatoryName: r.signatory_name,
    signatoryTitle: r.signatory_title,
    place: r.place,
    issuedOn: r.issued_on,
    revokedAt: r.revoked_at,
  };
}
