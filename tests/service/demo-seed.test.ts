/**
 * The demo seed (scripts/seed-demo.ts with db/demo/proposals.ts) tells the
 * issue-3 story: KIPP 2025 with 40 submitted proposals, screened and
 * published (37 lolos, 3 tidak lolos for the reasons the checks found), and
 * Sivablik 2025 open with six submitted proposals and Pontianak's one draft;
 * and the issue-4 story: KIPP 2025's jury, its conflicts and the desk round
 * assigned by the solver.
 * Exact counts, read through the services a person would use.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completenessProblems, fillerFindings, wibDate } from "~/domain/proposal-rules";
import { getEditionSettings } from "~/models/edition.server";
import { fileReadable } from "~/models/screening.server";
import { getAgencyProposals } from "~/services/proposals.server";
import { getAgencyResults, getScreeningQueue } from "~/services/screening.server";
import { seedDemo } from "../../scripts/seed-demo";
import { useTestDb } from "../support/db";
import { actorOf } from "../support/factories";

let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(tmpdir(), "demo-seed-uploads-"));
  process.env.UPLOADS_DIR = uploads;
});
afterAll(() => {
  delete process.env.UPLOADS_DIR;
  rmSync(uploads, { recursive: true, force: true });
});

const t = useTestDb();

async function userId(email: string): Promise<string> {
  const u = await t.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return u.id;
}

async function competitionId(slug: string): Promise<string> {
  const c = await t.db.selectFrom("competitions").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return c.id;
}

describe("demo seed: proposals", () => {
  it("KIPP 2025: 40 submitted, screened and published with 37 lolos and 3 tidak lolos", async () => {
    await seedDemo(t.db);
    const kipp = await competitionId("kipp-2025");
    const sekretariat = await actorOf(t.db, await userId("sekretariat@menpan.test"));

    const byStatus = await t.db
      .selectFrom("proposals")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("competition_id", "=", kipp)
      .groupBy("status")
      .execute();
    expect(byStatus.map((r) => [r.status, Number(r.n)])).toEqual([["submitted", 40]]);

    const byGroup = await t.db
      .selectFrom("proposals")
      .innerJoin("competition_groups as g", "g.id", "proposals.group_id")
      .select((eb) => ["g.key", eb.fn.countAll<number>().as("n")])
      .where("proposals.competition_id", "=", kipp)
      .groupBy("g.key")
      .orderBy("g.key")
      .execute();
    expect(byGroup.map((r) => [r.key, Number(r.n)])).toEqual([
      ["khusus", 3],
      ["replikasi", 2],
      ["umum", 35],
    ]);
    const clusters = await t.db
      .selectFrom("proposals")
      .innerJoin("agencies", "agencies.id", "proposals.agency_id")
      .select("agencies.cluster")
      .distinct()
      .where("proposals.competition_id", "=", kipp)
      .orderBy("agencies.cluster")
      .execute();
    expect(clusters.map((c) => c.cluster)).toEqual(["bumn", "kabupaten", "kementerian", "kota", "lembaga", "provinsi"]);
    const numbers = await t.db.selectFrom("competitions").select("number_counter").where("id", "=", kipp).executeTakeFirstOrThrow();
    expect(Number(numbers.number_counter)).toBe(40);

    // The screening queue as the secretariat sees it.
    const queue = await getScreeningQueue(t.db, sekretariat, "kipp-2025", {});
    expect(queue.totals).toEqual({
      total: 40,
      undecided: 0,
      lolos: 37,
      tidakLolos: 3,
      withProblems: 4,
      lastCheckedAt: "2025-07-01T02:12:00.000Z",
    });
    expect(queue.competition.screeningPublishedAt).toBe("2025-07-25T03:00:00.000Z");
    const refused = queue.rows
      .filter((r) => r.decision?.result === "tidak_lolos")
      .map((r) => [r.number, r.title, r.decision!.reasons]);
    expect(refused).toEqual([
      ["KIPP2025-000038", "JAGA DESA: Aplikasi Pengaduan Penggunaan Dana Desa", ["too_young"]],
      ["KIPP2025-000039", "Layanan Informasi Publik Terpadu Kabupaten Garut", ["filler"]],
      ["KIPP2025-000040", "e-Retribusi Pasar Berbasis QRIS", ["duplicate_title"]],
    ]);
    // The only lolos with an automatic finding is the first of the duplicate pair, with a note.
    const flaggedLolos = queue.rows.filter((r) => r.decision?.result === "lolos" && (r.checks?.problemCount ?? 0) > 0);
    expect(flaggedLolos.map((r) => [r.number, r.decision!.note])).toEqual([
      ["KIPP2025-000025", "Judul sama dengan KIPP2025-000040 dari instansi yang sama; proposal ini diajukan lebih dahulu dan dinyatakan lolos."],
    ]);

    // Submissions inside the real window, each with its receipt.
    const times = await t.db
      .selectFrom("proposals")
      .select(["number", "submitted_at", "receipt_number", "created_at"])
      .where("competition_id", "=", kipp)
      .orderBy("submitted_at")
      .execute();
    expect(times[0].submitted_at! >= "2025-06-01T17:00:00.000Z").toBe(true);
    expect(times[times.length - 1].submitted_at).toBe("2025-06-30T16:41:00.000Z");
    expect(times.every((p) => p.created_at < p.submitted_at! && p.receipt_number?.startsWith(`${p.number}/2025`))).toBe(true);

    // Sources: one on the platform (a KIPP Khusus proposal), one external.
    const sources = await t.db
      .selectFrom("proposal_sources")
      .innerJoin("proposals", "proposals.id", "proposal_sources.proposal_id")
      .leftJoin("proposals as src", "src.id", "proposal_sources.source_proposal_id")
      .select(["proposals.title", "src.title as source_title", "proposal_sources.external_title", "proposal_sources.external_year"])
      .where("proposals.competition_id", "=", kipp)
      .orderBy("proposals.title")
      .execute();
    expect(sources).toEqual([
      { title: "ADM Kelurahan: Anjungan Dukcapil Mandiri di Kantor Kelurahan", source_title: null, external_title: "Anjungan Dukcapil Mandiri (ADM)", external_year: 2021 },
      {
        title: "Smart Banjar: Layanan Administrasi Kependudukan di Balai Banjar",
        source_title: "Smart Kampung: Layanan Administrasi Terpadu di Kantor Desa",
        external_title: null,
        external_year: null,
      },
    ]);

    // Every stored file reads back (the screening's "attachments readable" check).
    const files = await t.db
      .selectFrom("proposal_files")
      .innerJoin("proposals", "proposals.id", "proposal_files.proposal_id")
      .select(["proposal_files.storage", "proposal_files.storage_key", "proposal_files.size_bytes", "proposal_files.mime_type"])
      .where("proposals.competition_id", "=", kipp)
      .execute();
    expect(files.length).toBe(96);
    expect((await Promise.all(files.map((f) => fileReadable(f)))).every(Boolean)).toBe(true);

    // Publication mailed each entrant's Admin Lokal, and the history is in the audit log.
    const mails = await t.db
      .selectFrom("outbox")
      .select(["to_address", "subject"])
      .where("subject", "like", "Hasil seleksi%")
      .orderBy("to_address")
      .execute();
    expect(mails).toEqual(
      ["adminlokal@kuburaya.test", "adminlokal@pontianak.test", "adminlokal@singkawang.test"].map((to) => ({
        to_address: to,
        subject: "Hasil seleksi administrasi KIPP 2025 telah diumumkan",
      })),
    );
    const audit = await t.db
      .selectFrom("audit_log")
      .select((eb) => ["action", eb.fn.countAll<number>().as("n")])
      .where("competition_id", "=", kipp)
      .where((eb) => eb.or([eb("action", "like", "proposal.%"), eb("action", "like", "screening.%"), eb("action", "like", "settings.%")]))
      .groupBy("action")
      .orderBy("action")
      .execute();
    expect(audit.map((a) => [a.action, Number(a.n)])).toEqual([
      ["proposal.created", 40],
      ["proposal.submitted", 40],
      ["screening.checked", 1],
      ["screening.decided", 40],
      ["screening.published", 1],
      ["settings.preset_applied", 1],
    ]);

    // Pontianak sees its published results (KIPP 2025, and its KIPP 2023 entry).
    const results = await getAgencyResults(t.db, await actorOf(t.db, await userId("adminlokal@pontianak.test")), "ag-kota-61.71");
    expect(results.competitions.map((c) => c.proposals.map((p) => [p.title, p.result]))).toEqual([
      [["SIPEKA: Sistem Pengingat Kunjungan Antenatal Berbasis WhatsApp", "lolos"]],
      [["PONTIANAK DALAM GENGGAMAN: Akta dan KIA Cetak Mandiri", "lolos"]],
    ]);
  });

  it("Sivablik 2025 is open: six submitted proposals that pass every rule, and Pontianak's one half-written draft", async () => {
    const now = new Date();
    await seedDemo(t.db);
    const sivablik = await competitionId("sivablik-2025");
    const rows = await t.db
      .selectFrom("proposals")
      .innerJoin("agencies", "agencies.id", "proposals.agency_id")
      .select(["proposals.id", "proposals.number", "proposals.status", "proposals.submitted_at", "agencies.code"])
      .where("proposals.competition_id", "=", sivablik)
      .orderBy("proposals.number")
      .execute();
    expect(rows.map((r) => [r.code, r.status])).toEqual([
      ["KOTA-61.72", "submitted"],
      ["KOTA-61.72", "submitted"],
      ["KAB-61.12", "submitted"],
      ["KAB-61.12", "submitted"],
      ["OPD-61-DINKES", "submitted"],
      ["KOTA-61.71", "draft"],
      ["OPD-61-DUKCAPIL", "submitted"],
    ]);

    const settings = (await getEditionSettings(t.db, sivablik))!;
    expect(settings.registration.startsAt! < now.toISOString() && now.toISOString() < settings.registration.endsAt!).toBe(true);
    for (const r of rows.filter((x) => x.status === "submitted")) {
      expect(r.submitted_at! > settings.registration.startsAt! && r.submitted_at! < now.toISOString()).toBe(true);
      const p = await t.db.selectFrom("proposals").selectAll().where("id", "=", r.id).executeTakeFirstOrThrow();
      const group = settings.groups.find((g) => g.id === p.group_id)!;
      const answers = Object.fromEntries(
        (await t.db.selectFrom("proposal_answers").select(["section_key", "body"]).where("proposal_id", "=", r.id).execute()).map((a) => [a.section_key, a.body]),
      );
      const slots = (await t.db.selectFrom("proposal_files").select("slot_key").where("proposal_id", "=", r.id).execute()).map((f) => f.slot_key);
      const sources = await t.db.selectFrom("proposal_sources").select("id").where("proposal_id", "=", r.id).execute();
      const draft = {
        title: p.title,
        categoryId: p.category_id,
        serviceUnit: p.service_unit,
        innovatorNames: p.innovator_names,
        startedOn: p.started_on,
        contactName: p.contact_name,
        contactEmail: p.contact_email,
        declaration: p.declaration === 1,
        videoUrl: p.video_url,
        answers,
        fileSlots: slots,
        sourceCount: sources.length,
      };
      const ctx = { categoryIds: settings.categories.map((c) => c.id), registrationEndsAt: settings.registration.endsAt, today: wibDate(now.toISOString()) };
      expect([r.number, completenessProblems(group, draft, ctx), fillerFindings(group, answers)]).toEqual([r.number, [], []]);
    }

    // Pontianak: exactly one Sivablik draft (Umum, three of seven sections), by its innovator, and nothing submitted there.
    const adminLokal = await actorOf(t.db, await userId("adminlokal@pontianak.test"));
    const page = await getAgencyProposals(t.db, adminLokal, "ag-kota-61.71", { now });
    expect(page.openEditions.map((e) => e.name)).toEqual(["Sivablik 2025"]);
    expect(page.proposals.map((p) => [p.competition_name, p.status, p.title])).toEqual([
      ["KIPP 2025", "submitted", "SIPEKA: Sistem Pengingat Kunjungan Antenatal Berbasis WhatsApp"],
      ["Sivablik 2025", "draft", "SI JEMPOL: Jemput Bola Dokumen Kependudukan ke Kelurahan"],
      ["KIPP 2023", "submitted", "PONTIANAK DALAM GENGGAMAN: Akta dan KIA Cetak Mandiri"],
    ]);
    const draft = await t.db
      .selectFrom("proposals")
      .innerJoin("competition_groups as g", "g.id", "proposals.group_id")
      .innerJoin("users", "users.id", "proposals.created_by")
      .select(["proposals.id", "g.key", "users.email", "proposals.declaration"])
      .where("proposals.competition_id", "=", sivablik)
      .where("proposals.agency_id", "=", "ag-kota-61.71")
      .executeTakeFirstOrThrow();
    expect([draft.key, draft.email, draft.declaration]).toEqual(["umum", "inovator@pontianak.test", 0]);
    const sections = await t.db.selectFrom("proposal_answers").select("section_key").where("proposal_id", "=", draft.id).orderBy("section_key").execute();
    expect(sections.map((s) => s.section_key)).toEqual(["ide_inovatif", "ringkasan", "signifikansi"]);

    // The Singkawang Replikasi names a KIPP 2025 proposal (another edition, as the source search requires).
    const source = await t.db
      .selectFrom("proposal_sources")
      .innerJoin("proposals", "proposals.id", "proposal_sources.proposal_id")
      .innerJoin("proposals as src", "src.id", "proposal_sources.source_proposal_id")
      .select(["proposals.number", "src.number as source_number"])
      .where("proposals.competition_id", "=", sivablik)
      .execute();
    expect(source.map((s) => s.source_number.startsWith("KIPP2025-"))).toEqual([true]);
  });


  it("KIPP 2025 jury: pools, automatic conflicts, and the desk round with exactly 3 jurors per lolos proposal", async () => {
    await seedDemo(t.db);
    const kipp = await competitionId("kipp-2025");
    const jurors = await t.db
      .selectFrom("jurors")
      .select(["id", "role", "email", "status", "max_load"])
      .where("competition_id", "=", kipp)
      .orderBy("role")
      .orderBy("email")
      .execute();
    expect(jurors.map((j) => [j.role, j.email, j.status])).toEqual([
      ["evaluator", "evaluator1@juri.test", "active"],
      ["evaluator", "evaluator2@juri.test", "active"],
      ["evaluator", "evaluator3@juri.test", "active"],
      ["evaluator", "evaluator4@juri.test", "active"],
      ["evaluator", "evaluator5@juri.test", "active"],
      ["evaluator", "evaluator6@juri.test", "active"],
      ["evaluator", "evaluator7@juri.test", "invited"],
      ["panelist", "panelis1@juri.test", "active"],
      ["panelist", "panelis2@juri.test", "active"],
      ["panelist", "panelis3@juri.test", "active"],
    ]);
    const byId = new Map(jurors.map((j) => [j.id, j.email]));

    // Automatic conflicts: evaluator4 (Pemprov Jawa Timur) and evaluator6 (Pemprov Kalimantan Barat)
    // against the proposals of their provinces' governments, regencies and cities.
    const conflicts = await t.db
      .selectFrom("conflicts")
      .innerJoin("proposals", "proposals.id", "conflicts.proposal_id")
      .innerJoin("agencies", "agencies.id", "proposals.agency_id")
      .select(["conflicts.juror_id", "conflicts.proposal_id", "conflicts.source", "agencies.code"])
      .where("conflicts.competition_id", "=", kipp)
      .where("conflicts.status", "=", "active")
      .execute();
    const codesOf = (email: string) =>
      [...new Set(conflicts.filter((c) => byId.get(c.juror_id) === email).map((c) => c.code))].sort();
    expect(codesOf("evaluator4@juri.test")).toEqual(["KAB-35.10", "KAB-35.15", "KOTA-35.73", "KOTA-35.78", "PROV-35"]);
    expect(codesOf("evaluator6@juri.test")).toEqual([
      "KAB-61.01",
      "KAB-61.12",
      "KOTA-61.71",
      "KOTA-61.72",
      "PROV-61",
    ]);
    expect(new Set(conflicts.map((c) => byId.get(c.juror_id)))).toEqual(new Set(["evaluator4@juri.test", "evaluator6@juri.test"]));

    const [round] = await t.db.selectFrom("rounds").selectAll().where("competition_id", "=", kipp).execute();
    expect([round.name, round.kind, round.pool_role, Number(round.k)]).toEqual(["Penilaian Proposal", "desk", "evaluator", 3]);
    const assignments = await t.db
      .selectFrom("assignments")
      .select(["juror_id", "proposal_id", "source", "expertise_match"])
      .where("round_id", "=", round.id)
      .execute();
    const lolos = await t.db
      .selectFrom("proposal_screenings")
      .innerJoin("proposals", "proposals.id", "proposal_screenings.proposal_id")
      .select("proposals.id")
      .where("proposals.competition_id", "=", kipp)
      .where("proposal_screenings.result", "=", "lolos")
      .execute();
    const perProposal = new Map<string, number>();
    for (const a of assignments) perProposal.set(a.proposal_id, (perProposal.get(a.proposal_id) ?? 0) + 1);
    expect(perProposal.size).toBe(37);
    expect(lolos.every((p) => perProposal.get(p.id) === 3)).toBe(true);
    expect(assignments.every((a) => a.source === "auto" && byId.get(a.juror_id)?.startsWith("evaluator"))).toBe(true);
    const conflicted = new Set(conflicts.map((c) => `${c.juror_id}|${c.proposal_id}`));
    expect(assignments.filter((a) => conflicted.has(`${a.juror_id}|${a.proposal_id}`))).toEqual([]);
    // 111 pairs over six evaluators: 18 or 19 each.
    const loads = [...jurors.filter((j) => j.status === "active" && j.role === "evaluator")].map(
      (j) => assignments.filter((a) => a.juror_id === j.id).length,
    );
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(111);
  });

  it("KIPP 2025 desk round: open, scored by five evaluators (evaluator1 not started), a real provisional results table", async () => {
    const { getResultsPage } = await import("~/services/plenary.server");
    await seedDemo(t.db);
    const kipp = await competitionId("kipp-2025");
    const [round] = await t.db.selectFrom("rounds").selectAll().where("competition_id", "=", kipp).execute();
    expect([round.status, round.score_method, JSON.parse(round.advancement_json)]).toEqual(["open", "normalized", { kind: "pass_grade", min: 85 }]);
    const organizer = await actorOf(t.db, await userId("sekretariat@menpan.test"));
    const page = await getResultsPage(t.db, organizer, "kipp-2025", round.id, { filter: "all", q: "", page: 1, all: true, replay: false });
    // 111 pairs, of which evaluator1's are not scored yet.
    const own = await t.db
      .selectFrom("assignments")
      .innerJoin("jurors", "jurors.id", "assignments.juror_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("assignments.round_id", "=", round.id)
      .where("jurors.email", "=", "evaluator1@juri.test")
      .executeTakeFirstOrThrow();
    expect(page.counts.entrants).toBe(37);
    expect(page.counts.submittedSheets).toBe(111 - Number(own.n));
    expect(page.counts.drafts).toBe(0);
    expect(page.counts.scored).toBe(37);
    expect(page.provisional).toBe(true);
    expect(page.criteria.map((c) => [c.key, c.weight])).toEqual([
      ["latar_belakang", 10],
      ["kebaruan", 15],
      ["implementasi", 5],
      ["signifikansi", 30],
      ["adaptabilitas", 20],
      ["sumber_daya", 5],
      ["keberlanjutan", 15],
    ]);
    // Strict ranks 1..37; the pass grade advances some but not all.
    expect(page.table.rows.map((r) => r.rank)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    expect(page.counts.advance).toBeGreaterThan(0);
    expect(page.counts.advance).toBeLessThan(37);
    // The harsh evaluator2 and the lenient evaluator3 show as such.
    const offset = (email: string) => page.jurors.find((j) => j.name === jurorName(email))?.offset ?? NaN;
    const jurorName = (email: string) => names.get(email) ?? "";
    const names = new Map((await t.db.selectFrom("users").select(["email", "name"]).execute()).map((u) => [u.email, u.name]));
    expect(offset("evaluator2@juri.test")).toBeLessThan(-4);
    expect(offset("evaluator3@juri.test")).toBeGreaterThan(4);
    expect(page.jurors.length).toBe(5);
  });

  it("KIPP 2023 is finished and public: three numbered announcements (B/185–187), 55 winners in the KIPP tiers, certificates, a catalogue", async () => {
    const { searchCatalogue } = await import("~/models/catalogue-search.server");
    const { verifyCertificate } = await import("~/services/certificates.server");
    await seedDemo(t.db);
    const k = await competitionId("kipp-2023");
    const proposals = await t.db.selectFrom("proposals").select(["status"]).where("competition_id", "=", k).execute();
    expect(proposals.length).toBe(88);
    const rounds = await t.db.selectFrom("rounds").select(["name", "status"]).where("competition_id", "=", k).orderBy("position").execute();
    expect(rounds).toEqual([
      { name: "Penilaian Proposal", status: "decided" },
      { name: "Presentasi dan Wawancara", status: "decided" },
    ]);
    const announcements = await t.db
      .selectFrom("announcements")
      .select(["number", "kind", "status", "published_at", "objection_ends_at", "superseded_by_id"])
      .where("competition_id", "=", k)
      .orderBy("seq")
      .execute();
    expect(announcements).toEqual([
      { number: "B/185/PP.00.05/2023", kind: "screening", status: "published", published_at: "2023-07-21T03:00:00.000Z", objection_ends_at: null, superseded_by_id: null },
      { number: "B/186/PP.00.05/2023", kind: "finalists", status: "published", published_at: "2023-09-04T03:00:00.000Z", objection_ends_at: "2023-09-09T16:59:00.000Z", superseded_by_id: null },
      { number: "B/187/PP.00.05/2023", kind: "winners", status: "published", published_at: "2023-11-28T03:00:00.000Z", objection_ends_at: null, superseded_by_id: null },
    ]);
    const entries = async (kind: string) =>
      Number(
        (
          await t.db
            .selectFrom("announcement_entries as e")
            .innerJoin("announcements as a", "a.id", "e.announcement_id")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("a.competition_id", "=", k)
            .where("a.kind", "=", kind as "winners")
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await entries("screening"), await entries("finalists"), await entries("winners")]).toEqual([88, 63, 55]);
    const tiers = await t.db
      .selectFrom("award_tiers as t")
      .leftJoin("winners as w", "w.tier_id", "t.id")
      .select(["t.key", (eb) => eb.fn.count<number>("w.id").as("n")])
      .where("t.competition_id", "=", k)
      .groupBy(["t.key", "t.position"])
      .orderBy("t.position")
      .execute();
    expect(tiers.map((r) => [r.key, Number(r.n)])).toEqual([
      ["top45", 45],
      ["outstanding", 5],
      ["top5_replikasi", 5],
    ]);
    // One objection, answered within the window.
    const objections = await t.db.selectFrom("objections").select(["status", "answered_at"]).where("competition_id", "=", k).execute();
    expect(objections).toEqual([{ status: "rejected", answered_at: "2023-09-11T02:30:00.000Z" }]);
    // Certificates: one per winner, each verifiable by its code.
    const certs = await t.db.selectFrom("certificates").select(["code", "revoked_at"]).where("competition_id", "=", k).execute();
    expect(certs.length).toBe(55);
    expect(certs.every((c) => c.revoked_at === null)).toBe(true);
    const v = await verifyCertificate(t.db, certs[0].code);
    expect(v.kind).toBe("valid");
    // The catalogue: the 63 finalists, 55 of them winners.
    const all = await searchCatalogue(t.db, { year: 2023, pageSize: 100 });
    expect(all.total).toBe(63);
    expect(all.rows.filter((r) => r.stage === "winner").length).toBe(55);
    const hit = await searchCatalogue(t.db, { q: "sampah" });
    expect(hit.total).toBeGreaterThan(0);
  });

  it("replications of KIPP 2023 winners at several stages and an open monitoring period with reports", async () => {
    await seedDemo(t.db);
    const reps = await t.db
      .selectFrom("replications")
      .select(["title", "stage", "status", "source_response", "verified_at", "status_reason", "proposal_id"])
      .orderBy("created_at")
      .orderBy("title")
      .execute();
    const started = reps.filter((r) => r.proposal_id === null);
    expect(started.map((r) => [r.stage, r.status, r.source_response, r.verified_at !== null])).toEqual([
      ["implementasi", "berjalan", "confirmed", false],
      ["evaluasi", "selesai", "pending", true],
      ["persiapan", "dihentikan", "external", false],
      ["persiapan", "berjalan", "disputed", false],
    ]);
    // The 13 submitted Replikasi-group proposals (all naming external sources) became replications at persiapan;
    // the five of KIPP 2023's Replikasi winners are verified by the ministry, the others wait.
    const fromProposals = reps.filter((r) => r.proposal_id !== null);
    expect(fromProposals).toHaveLength(13);
    expect(fromProposals.every((r) => r.stage === "persiapan" && r.status === "berjalan" && r.source_response === "external")).toBe(true);
    expect(fromProposals.filter((r) => r.verified_at !== null).map((r) => r.title.split(":")[0]).sort()).toEqual([
      "JAKSEL HALAL",
      "KAPUAS TERANG DESA",
      "PANGKALPINANG SIGAP 112",
      "TARAKAN PEDULI ANAK",
      "TERNATE PUSKESMAS APUNG",
    ]);
    const stages = await t.db.selectFrom("replication_stages").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(stages.n)).toBe(3 + 4 + 1 + 1 + 13);
    const periods = await t.db.selectFrom("monitoring_periods").select(["name", "starts_at", "ends_at"]).execute();
    expect(periods).toHaveLength(1);
    expect(periods[0].starts_at < new Date().toISOString() && new Date().toISOString() < periods[0].ends_at).toBe(true);
    const reports = await t.db.selectFrom("sustainability_reports").select(["status"]).orderBy("status").execute();
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => ["berlanjut", "berkembang"].includes(r.status))).toBe(true);
  });
});
