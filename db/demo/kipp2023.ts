/**
 * KIPP 2023 of the demo: a finished edition, loaded through the same
 * services an organizer uses wherever a service exists (rounds, assignment,
 * rubric presets, decisions, award tiers, announcements, objections,
 * certificates), with the dates of 2023, so the public site shows a
 * published winners list, announcements with their numbers and objection
 * windows, a catalogue and verifiable certificates. Data: db/demo/kipp2023-data.ts.
 */
import type { DB } from "~/db.server";
import { presetFor } from "~/domain/edition-presets";
import { wibLocalToUtcIso } from "~/domain/time";
import type { Actor } from "~/domain/roles";
import { newId } from "~/lib/ids.server";
import { markScreeningPublished, saveDecisions } from "~/models/screening.server";
import { getEditionSettings } from "~/models/edition.server";
import { loadActor } from "~/models/users.server";
import { commitAssignment, previewAssignment } from "~/services/assignment.server";
import { decideRound } from "~/services/plenary.server";
import { createAnnouncementDraft, publishAnnouncement, updateAnnouncementSettings } from "~/services/announcements.server";
import { applyTierPreset, applyWinnerRule } from "~/services/awards.server";
import { issueCertificates, updateCertificateSettings } from "~/services/certificates.server";
import { answerObjection, fileObjection } from "~/services/objections.server";
import { applyRubricPreset } from "~/services/round-lifecycle.server";
import { createRound } from "~/services/rounds.server";
import { applyPreset } from "~/services/settings.server";
import { buildCompetition, buildJuror } from "../builders";
import { prng } from "./innovations";
import { kipp2023Innovations } from "./kipp2023-data";
import { agenciesByCode, createProposals, insertRows, userIdByEmail, type AuditRow, type Plan } from "./proposals";

const WIB = (local: string) => {
  const v = wibLocalToUtcIso(local);
  if (!v) throw new Error(`kipp2023: bad time ${local}`);
  return v;
};

export const KIPP2023_SLUG = "kipp-2023";

/** Each juror's severity (points added) and spread, so normalisation matters here too. */
const STYLE: Record<string, { offset: number; spread: number }> = {
  "evaluator1@juri.test": { offset: 1, spread: 1 },
  "evaluator2@juri.test": { offset: -8, spread: 0.8 },
  "evaluator3@juri.test": { offset: 6, spread: 0.7 },
  "evaluator4@juri.test": { offset: -2, spread: 1.2 },
  "evaluator5@juri.test": { offset: 3, spread: 1 },
  "evaluator6@juri.test": { offset: 4, spread: 0.9 },
  "panelis1@juri.test": { offset: -3, spread: 1 },
  "panelis2@juri.test": { offset: 2, spread: 1.1 },
  "panelis3@juri.test": { offset: 0, spread: 0.9 },
};

export interface Kipp2023 {
  competitionId: string;
  actor: Actor;
  deskRoundId: string;
  finalRoundId: string;
  proposals: number;
}

/** Edition, proposals, screening, both rounds scored and decided (the publication follows in seedKipp2023Publication). */
export async function seedKipp2023Rounds(db: DB, ids: { panrb: string; organizerEmail: string }): Promise<Kipp2023> {
  const competitionId = await db.transaction().execute(async (trx) => {
    const id = await buildCompetition(trx, {
      organizerId: ids.panrb,
      name: "KIPP 2023",
      year: 2023,
      slug: KIPP2023_SLUG,
      theme: "Inovasi Pelayanan Publik untuk Pemulihan dan Pertumbuhan yang Inklusif",
      description:
        "Kompetisi Inovasi Pelayanan Publik (KIPP) 2023 di lingkungan kementerian, lembaga, pemerintah daerah, BUMN dan BUMD. Edisi yang telah selesai: pengumuman, pemenang dan piagamnya terbuka untuk publik.",
      timeline: {
        persiapan: ["2023-01-09T08:00", "2023-03-31T23:59"],
        pendaftaran: ["2023-04-10T08:00", "2023-06-30T23:59"],
        seleksi_administrasi: ["2023-07-03T08:00", "2023-07-21T23:59"],
        penilaian_proposal: ["2023-07-24T08:00", "2023-08-25T23:59"],
        sidang_pleno: ["2023-08-29T09:00", "2023-09-01T17:00"],
        pengumuman: ["2023-09-04T10:00", "2023-09-09T23:59"],
        presentasi: ["2023-09-18T08:00", "2023-10-06T17:00"],
        verifikasi_lapangan: ["2023-10-09T08:00", "2023-10-27T17:00"],
        penetapan: ["2023-11-20T09:00", "2023-11-30T17:00"],
        pemantauan: ["2024-01-08T08:00", "2024-12-20T17:00"],
      },
    });
    await applyPreset(trx, id, presetFor("kipp", 2023));
    return id;
  });

  const organizerId = await userIdByEmail(db, ids.organizerEmail);
  const actor = await loadActor(db, organizerId);
  if (!actor) throw new Error("kipp2023: no organizer");
  const settings = await getEditionSettings(db, competitionId);
  if (!settings) throw new Error("kipp2023: no settings");

  // Proposals: created in April–June 2023, submitted before the deadline.
  const innovations = kipp2023Innovations();
  const agencies = await agenciesByCode(db, innovations.map((i) => i.agency));
  const audit: AuditRow[] = [];
  const plans: Plan[] = innovations.map((inv, i) => {
    const r = prng(`kipp2023-times-${i}`);
    const created = Date.parse(WIB("2023-04-12T09:00")) + Math.floor(r() * 55) * 86_400_000 + Math.floor(r() * 8) * 3_600_000;
    const submitted = Math.min(created + (3 + Math.floor(r() * 20)) * 86_400_000, Date.parse(WIB("2023-06-30T22:00")));
    return {
      inv,
      createdAt: new Date(created).toISOString(),
      submittedAt: new Date(submitted).toISOString(),
      createdBy: null,
      submittedBy: null,
      extraDoc: false,
      sections: undefined,
    };
  });
  const { made } = await createProposals(db, settings, plans, audit, { agencies, platformSources: new Map() });

  // Screening: every proposal lolos (decided in July), results published 21 July.
  const sekretariat = organizerId;
  for (const [i, m] of [...made].sort((a, b) => (a.number < b.number ? -1 : 1)).entries()) {
    const decidedAt = new Date(Date.parse(WIB("2023-07-05T09:00")) + i * 53 * 60_000).toISOString();
    await saveDecisions(db, [m.id], { result: "lolos", reasonsJson: "[]", note: "", decidedBy: sekretariat, decidedAt });
    audit.push({
      at: decidedAt,
      actor: sekretariat,
      action: "screening.decided",
      entityType: "proposal",
      entityId: m.id,
      organizerId: ids.panrb,
      competitionId,
      agencyId: m.agencyId,
      before: { number: m.number, result: null },
      after: { number: m.number, result: "lolos", reasons: [], note: "" },
    });
  }
  const screeningPublishedAt = WIB("2023-07-21T10:00");
  await markScreeningPublished(db, competitionId, screeningPublishedAt);
  audit.push({
    at: screeningPublishedAt,
    actor: sekretariat,
    action: "screening.published",
    entityType: "competition",
    entityId: competitionId,
    organizerId: ids.panrb,
    competitionId,
    after: { published_at: screeningPublishedAt, total: made.length, lolos: made.length, tidak_lolos: 0 },
  });
  await insertRows(
    db,
    "audit_log",
    audit.map((e) => ({
      id: newId(),
      at: e.at,
      actor_user_id: e.actor,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      organizer_id: e.organizerId,
      competition_id: e.competitionId,
      agency_id: e.agencyId ?? null,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      ip: null,
    })),
  );

  // Jury pools of 2023: the same people as 2025.
  const users = new Map((await db.selectFrom("users").select(["id", "email", "name"]).execute()).map((u) => [u.email, u]));
  const affiliations = ["Universitas Indonesia", "Universitas Gadjah Mada", "Universitas Airlangga", "Institut Pertanian Bogor", "Universitas Hasanuddin", "Universitas Padjadjaran"];
  for (const [i, email] of ["evaluator1", "evaluator2", "evaluator3", "evaluator4", "evaluator5", "evaluator6"].map((e) => `${e}@juri.test`).entries()) {
    const u = users.get(email)!;
    await buildJuror(db, { competitionId, role: "evaluator", email, name: u.name, userId: u.id, affiliationOther: affiliations[i], maxLoad: 60 });
  }
  for (const [i, email] of ["panelis1", "panelis2", "panelis3"].map((e) => `${e}@juri.test`).entries()) {
    const u = users.get(email)!;
    await buildJuror(db, { competitionId, role: "panelist", email, name: u.name, userId: u.id, affiliationOther: ["Universitas Gadjah Mada", "Badan Riset dan Inovasi Nasional", "Yayasan Lembaga Konsumen Indonesia"][i], maxLoad: 100 });
  }

  const quality = new Map<string, number>();
  const rand = prng("kipp2023-quality");
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-9))) * Math.cos(2 * Math.PI * rand());
  for (const m of made) quality.set(m.id, 80 + 6 * gauss());

  const desk = await runRound(db, actor, settings.slug, competitionId, {
    name: "Penilaian Proposal",
    kind: "desk",
    poolRole: "evaluator",
    k: 3,
    window: ["2023-07-24T08:00", "2023-08-25T23:59"],
    preset: "proposal_100",
    rule: { kind: "quota", by: "group", quotas: { umum: 50, replikasi: 7, khusus: 6 } },
    quality,
    decidedAt: "2023-09-01T15:00",
  });
  const final = await runRound(db, actor, settings.slug, competitionId, {
    name: "Presentasi dan Wawancara",
    kind: "presentation",
    poolRole: "panelist",
    k: 3,
    window: ["2023-09-18T08:00", "2023-10-06T17:00"],
    preset: "presentation_100",
    rule: { kind: "quota", by: "group", quotas: { umum: 45, replikasi: 5, khusus: 5 } },
    quality,
    decidedAt: "2023-11-20T15:00",
  });
  return { competitionId, actor, deskRoundId: desk, finalRoundId: final, proposals: made.length };
}

interface RoundPlan {
  name: string;
  kind: "desk" | "presentation";
  poolRole: "evaluator" | "panelist";
  k: number;
  window: [string, string];
  preset: "proposal_100" | "presentation_100";
  rule: unknown;
  quality: Map<string, number>;
  decidedAt: string;
}

/** One round through the services: create, assign, rubric preset, scores (as submitted that year), close, decide. */
async function runRound(db: DB, actor: Actor, slug: string, competitionId: string, plan: RoundPlan): Promise<string> {
  const round = await createRound(db, actor, competitionId, {
    name: plan.name,
    kind: plan.kind,
    poolRole: plan.poolRole,
    k: plan.k,
    startsAt: WIB(plan.window[0]),
    endsAt: WIB(plan.window[1]),
    spreadAffiliations: false,
    seed: 2023,
  });
  if (!round.ok) throw new Error(`kipp2023: round ${JSON.stringify(round.errors)}`);
  const roundId = round.roundId;
  const preview = await previewAssignment(db, actor, roundId, { mode: "keep" });
  const committed = await commitAssignment(db, actor, preview.runId);
  if (!committed.ok) throw new Error(`kipp2023: commit ${JSON.stringify(committed.errors)}`);
  const rubric = await applyRubricPreset(db, actor, slug, roundId, { preset: plan.preset, replace: true });
  if (!rubric.ok) throw new Error(`kipp2023: rubric ${JSON.stringify(rubric)}`);
  const openedAt = WIB(plan.window[0]);
  const closedAt = WIB(plan.window[1]);
  await db
    .updateTable("rounds")
    .set({
      status: "closed",
      opened_at: openedAt,
      closed_at: closedAt,
      score_method: "normalized",
      score_visibility: "after_submit",
      advancement_json: JSON.stringify(plan.rule),
      tiebreak_json: JSON.stringify(["raw_mean", "submitted_at"]),
    })
    .where("id", "=", roundId)
    .execute();
  const criteria = await db.selectFrom("round_criteria").select(["key"]).where("round_id", "=", roundId).orderBy("position").execute();
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .select(["a.id", "a.juror_id", "a.proposal_id", "j.email", "p.number"])
    .where("a.round_id", "=", roundId)
    .orderBy("p.number")
    .orderBy("j.email")
    .execute();
  const rand = prng(`kipp2023-${plan.kind}-scores`);
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-9))) * Math.cos(2 * Math.PI * rand());
  const span = Date.parse(closedAt) - Date.parse(openedAt) - 86_400_000;
  for (const [i, r] of rows.entries()) {
    const q = plan.quality.get(r.proposal_id) ?? 80;
    const style = STYLE[r.email] ?? { offset: 0, spread: 1 };
    const at = new Date(Date.parse(openedAt) + Math.floor((span * (i + 1)) / (rows.length + 1))).toISOString();
    const sheetId = newId();
    await db
      .insertInto("score_sheets")
      .values({
        id: sheetId,
        assignment_id: r.id,
        round_id: roundId,
        juror_id: r.juror_id,
        proposal_id: r.proposal_id,
        status: "submitted",
        overall_comment: "",
        source: "web",
        version: 1,
        submitted_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("score_items")
      .values(
        criteria.map((c) => ({
          sheet_id: sheetId,
          criterion_key: c.key,
          value: Math.max(0, Math.min(100, Math.round(80 + style.spread * (q - 80) + style.offset + 3.5 * gauss()))),
          comment: "",
        })),
      )
      .execute();
    await db.updateTable("assignments").set({ opened_at: at, completed_at: at }).where("id", "=", r.id).execute();
  }
  const decided = await decideRound(db, actor, slug, roundId, { origin: "http://localhost:3000", now: new Date(WIB(plan.decidedAt)) });
  if (!decided.ok) throw new Error(`kipp2023: decide ${JSON.stringify(decided)}`);
  return roundId;
}

/** Origin written into mailed links and certificate QR codes of the demo. */
function demoOrigin(): string {
  return (process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

async function announce(
  db: DB,
  actor: Actor,
  slug: string,
  kind: "screening" | "finalists" | "winners",
  roundId: string | null,
  at: string,
  objectionDays: number | null,
): Promise<string> {
  const now = new Date(WIB(at));
  const draft = await createAnnouncementDraft(db, actor, slug, { kind, roundId }, now);
  if (!draft.ok) throw new Error(`kipp2023: ${kind} draft ${JSON.stringify(draft.errors)}`);
  const published = await publishAnnouncement(
    db,
    actor,
    slug,
    draft.id,
    { mode: "now", publishAt: "", objection: objectionDays !== null, objectionDays: objectionDays === null ? "" : String(objectionDays) },
    { origin: demoOrigin(), now },
  );
  if (!published.ok) throw new Error(`kipp2023: ${kind} publish ${JSON.stringify(published.errors)}`);
  return draft.id;
}

/**
 * The publication of KIPP 2023 through the organizer's services: the
 * screening result (21 July), the finalists of the desk round with a 5-day
 * objection window (4 September) and one objection answered within it, the
 * KIPP award tiers filled from the final round's decision, the winners'
 * announcement (28 November) and the certificates with their codes.
 */
export async function seedKipp2023Publication(db: DB, k: Kipp2023): Promise<{ winners: number; certificates: number }> {
  const slug = KIPP2023_SLUG;
  const { actor } = k;
  // The secretariat's letter register was at 184 when the results went out.
  const numbering = await updateAnnouncementSettings(db, actor, slug, { pattern: "B/{n}/PP.00.05/{year}", objectionDays: 5, nextNumber: 185 });
  if (!numbering.ok) throw new Error(`kipp2023: numbering ${JSON.stringify(numbering.errors)}`);
  await announce(db, actor, slug, "screening", null, "2023-07-21T10:00", null);
  const finalists = await announce(db, actor, slug, "finalists", k.deskRoundId, "2023-09-04T10:00", 5);

  // An agency with a demo account whose proposal did not reach the final objects; the secretariat answers.
  const stopped = await db
    .selectFrom("round_decision_entries as e")
    .innerJoin("proposals as p", "p.id", "e.proposal_id")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .innerJoin("memberships as m", (j) => j.onRef("m.agency_id", "=", "ag.id").on("m.role", "=", "admin_lokal"))
    .innerJoin("users as u", "u.id", "m.user_id")
    .where("e.round_id", "=", k.deskRoundId)
    .where("e.decision", "=", "stop")
    .select(["p.id", "p.number", "p.agency_id", "u.id as userId", "e.rank"])
    .orderBy("e.rank")
    .executeTakeFirst();
  if (stopped) {
    const agencyActor = await loadActor(db, stopped.userId);
    if (!agencyActor) throw new Error("kipp2023: no Admin Lokal");
    const form = new FormData();
    form.set("proposal", stopped.id);
    form.set("reasons", "Menurut kami nilai aspek signifikansi belum memperhitungkan data capaian terbaru (penurunan waktu layanan menjadi satu hari kerja) yang telah kami unggah sebagai dokumen pendukung. Mohon proposal kami ditinjau ulang.");
    const filed = await fileObjection(db, agencyActor, stopped.agency_id, finalists, new Request("http://localhost/objection", { method: "POST", body: form }), {
      now: new Date(WIB("2023-09-06T14:20")),
    });
    if (!filed.ok) throw new Error(`kipp2023: objection ${JSON.stringify(filed.errors)}`);
    const answered = await answerObjection(
      db,
      actor,
      slug,
      filed.id,
      {
        decision: "reject",
        outcome: "",
        answer: `Tim evaluator telah memeriksa kembali dokumen pendukung. Data capaian tersebut sudah dinilai pada aspek signifikansi; peringkat ${stopped.rank} tidak berubah sehingga proposal tidak masuk daftar finalis. Keberatan tidak dapat diterima.`,
      },
      { origin: demoOrigin(), now: new Date(WIB("2023-09-11T09:30")) },
    );
    if (!answered.ok) throw new Error(`kipp2023: answer ${JSON.stringify(answered)}`);
  }

  const preset = await applyTierPreset(db, actor, k.competitionId, "kipp");
  if (preset.created.length === 0) throw new Error("kipp2023: no tiers");
  const rule = await applyWinnerRule(db, actor, k.competitionId);
  if (!rule.ok) throw new Error(`kipp2023: winners ${JSON.stringify(rule.errors)}`);
  await announce(db, actor, slug, "winners", null, "2023-11-28T10:00", null);

  await updateCertificateSettings(
    db,
    actor,
    slug,
    { signatoryName: "Dr. Ir. Bambang Sulistyo, M.Si.", signatoryTitle: "Deputi Bidang Pelayanan Publik", place: "Jakarta" },
    new Date(WIB("2023-11-27T16:00")),
  );
  const issued = await issueCertificates(db, actor, slug, { reason: "" }, new Date(WIB("2023-11-28T11:00")));
  if (!issued.ok) throw new Error(`kipp2023: certificates ${JSON.stringify(issued)}`);
  const certificates = await db.selectFrom("certificates").select((eb) => eb.fn.countAll<number>().as("n")).where("competition_id", "=", k.competitionId).where("revoked_at", "is", null).executeTakeFirstOrThrow();
  return { winners: rule.count, certificates: Number(certificates.n) };
}
