import { strFromU8, unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { isCanonicalCode } from "~/domain/certificates";
import {
  certificatePdf,
  certificatesZip,
  getAgencyCertificates,
  getCertificatesPage,
  issueCertificates,
  revokeCertificate,
  updateCertificateSettings,
  verifyCertificate,
} from "~/services/certificates.server";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { loader as verifyIndexLoader } from "~/routes/verify._index";
import { useTestDb } from "../support/db";
import { actorOf } from "../support/factories";
import { buildCertificateWorld, buildWinnersAnnouncement, setSignatory } from "../support/publication-certificates";

const ORIGIN = "https://sayembara.example";
const NOW = new Date("2025-11-24T17:30:00.000Z"); // 25 Nov 2025 00:30 WIB

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

describe("certificates", () => {
  const t = useTestDb();

  /** KIPP with a published winners announcement (p1 top45, p3 outstanding) and a signatory. */
  async function published() {
    const w = await buildCertificateWorld(t.db);
    const { p1, p3 } = w.kipp.proposals;
    const announcementId = await buildWinnersAnnouncement(t.db, w.kipp.edition.competitionId, [
      { proposal: p1, tierId: w.kipp.tiers.top45 },
      { proposal: p3, tierId: w.kipp.tiers.outstanding },
    ]);
    await setSignatory(t.db, w.kipp.edition.competitionId);
    const organizer = await actorOf(t.db, w.world.users.panrbAdmin);
    return { ...w, announcementId, organizer };
  }

  async function certRows(competitionId: string) {
    return t.db
      .selectFrom("certificates")
      .innerJoin("proposals", "proposals.id", "certificates.proposal_id")
      .select(["proposals.number", "certificates.tier_name_id", "certificates.revoked_at", "certificates.revoke_reason", "certificates.code", "certificates.id"])
      .where("certificates.competition_id", "=", competitionId)
      .orderBy("proposals.number")
      .orderBy("certificates.issued_at")
      .execute();
  }

  describe("signatory settings", () => {
    it("lets the organizer set them, audited once", async () => {
      const w = await buildCertificateWorld(t.db);
      const organizer = await actorOf(t.db, w.world.users.panrbAdmin);
      const input = { signatoryName: "Abdullah Azwar Anas", signatoryTitle: "Menteri PANRB", place: "Jakarta" };
      expect(await updateCertificateSettings(t.db, organizer, "kipp-2025", input)).toEqual({ changed: true });
      expect(await updateCertificateSettings(t.db, organizer, "kipp-2025", input)).toEqual({ changed: false });
      const c = await t.db
        .selectFrom("competitions")
        .select(["certificate_signatory_name", "certificate_signatory_title", "certificate_place"])
        .where("slug", "=", "kipp-2025")
        .executeTakeFirstOrThrow();
      expect(c).toEqual({ certificate_signatory_name: "Abdullah Azwar Anas", certificate_signatory_title: "Menteri PANRB", certificate_place: "Jakarta" });
      const audit = await t.db.selectFrom("audit_log").select(["action", "competition_id", "after_json"]).where("action", "like", "certificate.%").execute();
      expect(audit).toEqual([{ action: "certificate.settingsUpdated", competition_id: w.kipp.edition.competitionId, after_json: JSON.stringify(input) }]);
    });

    it("refuses another organizer's admin and agency people (403), unknown slug (404)", async () => {
      const w = await buildCertificateWorld(t.db);
      const input = { signatoryName: "X", signatoryTitle: "Y", place: "Z" };
      for (const u of [w.world.users.kalbarAdmin, w.world.users.adminLokal, w.world.users.nobody]) {
        expect(await status(updateCertificateSettings(t.db, await actorOf(t.db, u), "kipp-2025", input))).toBe(403);
      }
      expect(await status(updateCertificateSettings(t.db, await actorOf(t.db, w.world.users.panrbAdmin), "nope", input))).toBe(404);
      const c = await t.db.selectFrom("competitions").select("certificate_signatory_name").where("slug", "=", "kipp-2025").executeTakeFirstOrThrow();
      expect(c.certificate_signatory_name).toBe("");
    });
  });

  describe("issuing", () => {
    it("issues one certificate per winner of the published announcement, with the printed snapshot", async () => {
      const w = await published();
      const r = await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      expect(r).toEqual({ ok: true, issued: 2, revoked: 0, kept: 0 });
      const rows = await t.db
        .selectFrom("certificates")
        .select([
          "proposal_id",
          "agency_id",
          "tier_id",
          "edition_name",
          "tier_name_id",
          "tier_name_en",
          "innovation_title",
          "agency_name",
          "signatory_name",
          "signatory_title",
          "place",
          "issued_on",
          "issued_at",
          "issued_by",
          "revoked_at",
        ])
        .where("competition_id", "=", w.kipp.edition.competitionId)
        .orderBy("innovation_title")
        .execute();
      const common = {
        edition_name: "KIPP 2025",
        signatory_name: "Abdullah Azwar Anas",
        signatory_title: "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        place: "Jakarta",
        issued_on: "2025-11-25", // WIB date
        issued_at: NOW.toISOString(),
        issued_by: w.world.users.panrbAdmin,
        revoked_at: null,
      };
      const pontianakName = (await t.db.selectFrom("agencies").select("name").where("id", "=", w.world.agencies.pontianak).executeTakeFirstOrThrow()).name;
      const singkawangName = (await t.db.selectFrom("agencies").select("name").where("id", "=", w.world.agencies.singkawang).executeTakeFirstOrThrow()).name;
      expect(rows).toEqual([
        {
          ...common,
          proposal_id: w.kipp.proposals.p1.id,
          agency_id: w.world.agencies.pontianak,
          tier_id: w.kipp.tiers.top45,
          tier_name_id: "Top 45 Inovasi Pelayanan Publik Terpuji",
          tier_name_en: "Top 45 Commendable Public Service Innovations",
          innovation_title: "Layanan Kesehatan Keliling Sungai Kapuas",
          agency_name: pontianakName,
        },
        {
          ...common,
          proposal_id: w.kipp.proposals.p3.id,
          agency_id: w.world.agencies.singkawang,
          tier_id: w.kipp.tiers.outstanding,
          tier_name_id: "Outstanding Achievement",
          tier_name_en: "Outstanding Achievement",
          innovation_title: "Singkawang Ramah Investasi",
          agency_name: singkawangName,
        },
      ]);
      const codes = (await certRows(w.kipp.edition.competitionId)).map((c) => c.code);
      expect(codes.every(isCanonicalCode)).toBe(true);
      expect(new Set(codes).size).toBe(2);
      const audit = await t.db.selectFrom("audit_log").select(["action", "entity_type", "competition_id", "organizer_id"]).where("action", "=", "certificate.issued").execute();
      expect(audit).toEqual([{ action: "certificate.issued", entity_type: "competition", competition_id: w.kipp.edition.competitionId, organizer_id: w.world.organizers.panrb }]);
    });

    it("is idempotent: issuing again changes nothing and writes no audit row", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const before = await certRows(w.kipp.edition.competitionId);
      expect(await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW)).toEqual({ ok: true, issued: 0, revoked: 0, kept: 2 });
      expect(await certRows(w.kipp.edition.competitionId)).toEqual(before);
      const audit = await t.db.selectFrom("audit_log").select("id").where("action", "=", "certificate.issued").execute();
      expect(audit).toHaveLength(1);
    });

    it("issues nothing while the winners announcement is a draft or only scheduled", async () => {
      const w = await buildCertificateWorld(t.db);
      await setSignatory(t.db, w.kipp.edition.competitionId);
      const organizer = await actorOf(t.db, w.world.users.panrbAdmin);
      await buildWinnersAnnouncement(t.db, w.kipp.edition.competitionId, [{ proposal: w.kipp.proposals.p1, tierId: w.kipp.tiers.top45 }], { status: "draft" });
      await buildWinnersAnnouncement(t.db, w.kipp.edition.competitionId, [{ proposal: w.kipp.proposals.p2, tierId: w.kipp.tiers.top45 }], { status: "scheduled" });
      // Winners decided but not announced: also not a source.
      await t.db
        .insertInto("winners")
        .values({ id: "w1", competition_id: w.kipp.edition.competitionId, tier_id: w.kipp.tiers.top45, proposal_id: w.kipp.proposals.p1.id, position: 1, source: "rule", deviation_reason: null, created_by: null, created_at: NOW.toISOString() })
        .execute();
      expect(await issueCertificates(t.db, organizer, "kipp-2025", { reason: "" }, NOW)).toEqual({ ok: false, errors: { _form: "certificates.errors.noAnnouncement" } });
      expect(await certRows(w.kipp.edition.competitionId)).toEqual([]);
      const page = await getCertificatesPage(t.db, organizer, "kipp-2025");
      expect(page.announcement).toBeNull();
      expect(page.plan).toEqual({ issue: [], revoke: 0, keep: 0 });
      expect(page.certificates).toEqual([]);
    });

    it("refuses to issue without a signatory", async () => {
      const w = await buildCertificateWorld(t.db);
      await buildWinnersAnnouncement(t.db, w.kipp.edition.competitionId, [{ proposal: w.kipp.proposals.p1, tierId: w.kipp.tiers.top45 }]);
      const organizer = await actorOf(t.db, w.world.users.panrbAdmin);
      expect(await issueCertificates(t.db, organizer, "kipp-2025", { reason: "" }, NOW)).toEqual({ ok: false, errors: { _form: "certificates.errors.noSignatory" } });
      expect(await certRows(w.kipp.edition.competitionId)).toEqual([]);
    });

    it("refuses another organizer's admin and agency people", async () => {
      const w = await published();
      for (const u of [w.world.users.kalbarAdmin, w.world.users.adminLokal, w.world.users.evaluator]) {
        expect(await status(issueCertificates(t.db, await actorOf(t.db, u), "kipp-2025", { reason: "" }, NOW))).toBe(403);
        expect(await status(getCertificatesPage(t.db, await actorOf(t.db, u), "kipp-2025"))).toBe(403);
      }
      expect(await certRows(w.kipp.edition.competitionId)).toEqual([]);
    });

    it("re-issues after a correction: revokes those no longer winners (with the reason), re-issues a changed tier, keeps the rest", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const first = await certRows(w.kipp.edition.competitionId);
      const { p1, p2, p3 } = w.kipp.proposals;
      // Correction: p1 keeps top45, p3 moves to top45, p2 is added; nothing lost except p3's old tier.
      // Then a second correction drops p1.
      await buildWinnersAnnouncement(
        t.db,
        w.kipp.edition.competitionId,
        [
          { proposal: p2, tierId: w.kipp.tiers.top45 },
          { proposal: p3, tierId: w.kipp.tiers.top45 },
        ],
        { supersedes: w.announcementId },
      );
      const page = await getCertificatesPage(t.db, w.organizer, "kipp-2025");
      expect(page.plan.issue.map((x) => x.proposalNumber)).toEqual([p2.number, p3.number]);
      expect(page.plan.revoke).toBe(2);
      expect(page.plan.keep).toBe(0);

      expect(await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW)).toEqual({ ok: false, errors: { reason: "certificates.errors.reasonRequired" } });
      expect(await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "ralat" }, NOW)).toEqual({ ok: false, errors: { reason: "certificates.errors.reasonShort" } });
      expect(await certRows(w.kipp.edition.competitionId)).toEqual(first);

      const later = new Date(NOW.getTime() + 3_600_000);
      const reason = "Ralat pengumuman pemenang setelah keberatan diterima";
      expect(await issueCertificates(t.db, w.organizer, "kipp-2025", { reason }, later)).toEqual({ ok: true, issued: 2, revoked: 2, kept: 0 });
      const rows = await certRows(w.kipp.edition.competitionId);
      expect(rows.map((r) => [r.number, r.tier_name_id, r.revoked_at, r.revoke_reason])).toEqual([
        [p1.number, "Top 45 Inovasi Pelayanan Publik Terpuji", later.toISOString(), reason],
        [p2.number, "Top 45 Inovasi Pelayanan Publik Terpuji", null, null],
        [p3.number, "Outstanding Achievement", later.toISOString(), reason],
        [p3.number, "Top 45 Inovasi Pelayanan Publik Terpuji", null, null],
      ]);
      // Once more: idempotent.
      expect(await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, later)).toEqual({ ok: true, issued: 0, revoked: 0, kept: 2 });
      // The other organizer's certificate was never touched.
      expect(await certRows(w.sivablik.edition.competitionId)).toEqual([]);
    });
  });

  describe("revoking", () => {
    it("revokes one certificate with a reason, audited with the agency", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const [c1] = await certRows(w.kipp.edition.competitionId);
      expect(await revokeCertificate(t.db, w.organizer, "kipp-2025", { certificateId: c1.id, reason: "Salah cetak nama instansi" }, NOW)).toEqual({ ok: true });
      expect(await revokeCertificate(t.db, w.organizer, "kipp-2025", { certificateId: c1.id, reason: "Salah cetak nama instansi" }, NOW)).toEqual({
        ok: false,
        errors: { _form: "certificates.errors.alreadyRevoked" },
      });
      const [row] = await certRows(w.kipp.edition.competitionId);
      expect([row.revoked_at, row.revoke_reason]).toEqual([NOW.toISOString(), "Salah cetak nama instansi"]);
      const audit = await t.db.selectFrom("audit_log").select(["action", "entity_id", "agency_id"]).where("action", "=", "certificate.revoked").execute();
      expect(audit).toEqual([{ action: "certificate.revoked", entity_id: c1.id, agency_id: w.world.agencies.pontianak }]);
      // Issuing again gives the winner a fresh certificate with a new code.
      expect(await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW)).toEqual({ ok: true, issued: 1, revoked: 0, kept: 1 });
      const again = await certRows(w.kipp.edition.competitionId);
      expect(again).toHaveLength(3);
      expect(again[1].code).not.toBe(c1.code);
    });

    it("refuses another organizer (403) and another edition's certificate through this slug (404)", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const [c1] = await certRows(w.kipp.edition.competitionId);
      const kalbar = await actorOf(t.db, w.world.users.kalbarAdmin);
      expect(await status(revokeCertificate(t.db, kalbar, "kipp-2025", { certificateId: c1.id, reason: "Tidak sah sama sekali" }, NOW))).toBe(403);
      // Kalbar admin, own slug, KIPP's certificate id: as unknown as a missing one.
      expect(await status(revokeCertificate(t.db, kalbar, "sivablik-2025", { certificateId: c1.id, reason: "Tidak sah sama sekali" }, NOW))).toBe(404);
      const adminLokal = await actorOf(t.db, w.world.users.adminLokal);
      expect(await status(revokeCertificate(t.db, adminLokal, "kipp-2025", { certificateId: c1.id, reason: "Tidak sah sama sekali" }, NOW))).toBe(403);
      expect((await certRows(w.kipp.edition.competitionId)).map((r) => r.revoked_at)).toEqual([null, null]);
    });
  });

  describe("PDF and ZIP", () => {
    async function issued() {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const [c1, c3] = await certRows(w.kipp.edition.competitionId);
      return { ...w, c1, c3 };
    }

    it("gives the PDF to the organizer and to the winning agency's people; it parses as one landscape A4 page", async () => {
      const w = await issued();
      for (const u of [w.world.users.panrbAdmin, w.world.users.adminLokal, w.world.users.innovator]) {
        const pdf = await certificatePdf(t.db, await actorOf(t.db, u), w.c1.id, ORIGIN);
        expect(pdf.filename).toBe(`piagam-${w.kipp.proposals.p1.number}-${w.c1.code}.pdf`);
        const doc = await PDFDocument.load(pdf.bytes);
        expect(doc.getPageCount()).toBe(1);
        const { width, height } = doc.getPage(0).getSize();
        expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
        expect(doc.getTitle()).toBe(`Piagam Penghargaan KIPP 2025 - ${(await t.db.selectFrom("agencies").select("name").where("id", "=", w.world.agencies.pontianak).executeTakeFirstOrThrow()).name}`);
        expect(doc.getKeywords()).toBe(w.c1.code);
      }
    });

    it("answers 404 to another agency, another organizer, the signed-out, an unknown id and a revoked certificate", async () => {
      const w = await issued();
      for (const u of [w.world.users.otherAdminLokal, w.world.users.otherInnovator, w.world.users.kalbarAdmin, w.world.users.evaluator, w.world.users.nobody]) {
        expect(await status(certificatePdf(t.db, await actorOf(t.db, u), w.c1.id, ORIGIN))).toBe(404);
      }
      expect(await status(certificatePdf(t.db, null, w.c1.id, ORIGIN))).toBe(404);
      expect(await status(certificatePdf(t.db, w.organizer, "no-such-id", ORIGIN))).toBe(404);
      // Singkawang's own certificate is theirs.
      expect(await status(certificatePdf(t.db, await actorOf(t.db, w.world.users.otherAdminLokal), w.c3.id, ORIGIN))).toBe(200);
      await revokeCertificate(t.db, w.organizer, "kipp-2025", { certificateId: w.c1.id, reason: "Salah cetak nama instansi" }, NOW);
      expect(await status(certificatePdf(t.db, w.organizer, w.c1.id, ORIGIN))).toBe(404);
      expect(await status(certificatePdf(t.db, await actorOf(t.db, w.world.users.adminLokal), w.c1.id, ORIGIN))).toBe(404);
    });

    it("draws text outside WinAnsi (emoji, CJK, Arabic) without throwing", async () => {
      const w = await issued();
      await t.db
        .updateTable("certificates")
        .set({ innovation_title: "Layanan 🚑 Cepat — “Sigap” 社区 خدمة Ṣehat ".repeat(6), agency_name: "Pemerintah Kota Pontianak ✓", signatory_name: "Dr. Ñoño Ŧest" })
        .where("id", "=", w.c1.id)
        .execute();
      const pdf = await certificatePdf(t.db, w.organizer, w.c1.id, ORIGIN);
      expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(1);
    });

    it("zips every active certificate, one PDF each, for the organizer only", async () => {
      const w = await issued();
      await revokeCertificate(t.db, w.organizer, "kipp-2025", { certificateId: w.c1.id, reason: "Salah cetak nama instansi" }, NOW);
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const active = (await certRows(w.kipp.edition.competitionId)).filter((r) => !r.revoked_at);
      const zip = await certificatesZip(t.db, w.organizer, "kipp-2025", ORIGIN);
      expect(zip.filename).toBe("piagam-kipp-2025.zip");
      expect(zip.count).toBe(2);
      const files = unzipSync(zip.bytes);
      expect(Object.keys(files).sort()).toEqual(active.map((r) => `piagam-${r.number}-${r.code}.pdf`).sort());
      for (const bytes of Object.values(files)) {
        expect(strFromU8(bytes.subarray(0, 5))).toBe("%PDF-");
        expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
      }
      for (const u of [w.world.users.kalbarAdmin, w.world.users.adminLokal]) {
        expect(await status(certificatesZip(t.db, await actorOf(t.db, u), "kipp-2025", ORIGIN))).toBe(403);
      }
    });

    it("has no ZIP (404) before anything is issued", async () => {
      const w = await published();
      expect(await status(certificatesZip(t.db, w.organizer, "kipp-2025", ORIGIN))).toBe(404);
    });
  });

  describe("agency page", () => {
    it("lists the agency's own certificates across organizers, and nothing of others", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const kalbar = await actorOf(t.db, w.world.users.kalbarAdmin);
      expect(await issueCertificates(t.db, kalbar, "sivablik-2025", { reason: "" }, NOW)).toEqual({ ok: true, issued: 1, revoked: 0, kept: 0 });
      const mine = await getAgencyCertificates(t.db, await actorOf(t.db, w.world.users.innovator), w.world.agencies.pontianak);
      expect(mine.certificates.map((c) => [c.competitionName, c.proposalNumber])).toEqual([
        ["KIPP 2025", w.kipp.proposals.p1.number],
        ["Sivablik 2025", w.sivablik.proposal.number],
      ]);
      const theirs = await getAgencyCertificates(t.db, await actorOf(t.db, w.world.users.otherAdminLokal), w.world.agencies.singkawang);
      expect(theirs.certificates.map((c) => [c.competitionName, c.proposalNumber])).toEqual([["KIPP 2025", w.kipp.proposals.p3.number]]);
    });

    it("refuses people of another agency and organizers (403)", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      for (const u of [w.world.users.otherAdminLokal, w.world.users.panrbAdmin, w.world.users.nobody]) {
        expect(await status(getAgencyCertificates(t.db, await actorOf(t.db, u), w.world.agencies.pontianak))).toBe(403);
      }
      expect(await status(getAgencyCertificates(t.db, w.organizer, "ag-none"))).toBe(404);
    });
  });

  describe("public verification", () => {
    it("shows a valid certificate's printed snapshot, whatever the typed form of the code", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const [c1] = await certRows(w.kipp.edition.competitionId);
      const expected = {
        kind: "valid",
        code: c1.code,
        editionName: "KIPP 2025",
        tierNameId: "Top 45 Inovasi Pelayanan Publik Terpuji",
        tierNameEn: "Top 45 Commendable Public Service Innovations",
        innovationTitle: "Layanan Kesehatan Keliling Sungai Kapuas",
        agencyName: (await t.db.selectFrom("agencies").select("name").where("id", "=", w.world.agencies.pontianak).executeTakeFirstOrThrow()).name,
        signatoryName: "Abdullah Azwar Anas",
        signatoryTitle: "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        place: "Jakarta",
        issuedOn: "2025-11-25",
        revokedAt: null,
      };
      expect(await verifyCertificate(t.db, c1.code)).toEqual(expected);
      expect(await verifyCertificate(t.db, ` ${c1.code.toLowerCase().replaceAll("-", " ")} `)).toEqual(expected);
      expect(await verifyCertificate(t.db, `${ORIGIN}/verify/${c1.code}`)).toEqual(expected);
    });

    it("says a revoked certificate is revoked and when, without the organizer's reason", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const [c1] = await certRows(w.kipp.edition.competitionId);
      await revokeCertificate(t.db, w.organizer, "kipp-2025", { certificateId: c1.id, reason: "Catatan internal rahasia" }, NOW);
      const v = await verifyCertificate(t.db, c1.code);
      expect(v.kind).toBe("revoked");
      expect(v.kind === "revoked" ? v.revokedAt : null).toBe(NOW.toISOString());
      expect(JSON.stringify(v)).not.toContain("rahasia");
    });

    it("finds nothing for an unknown or malformed code", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      expect(await verifyCertificate(t.db, "ZZZZ-ZZZZ-ZZZZ")).toEqual({ kind: "notFound", code: "ZZZZ-ZZZZ-ZZZZ" });
      expect(await verifyCertificate(t.db, "hello")).toEqual({ kind: "invalid" });
      expect(await verifyCertificate(t.db, "' or 1=1 --")).toEqual({ kind: "invalid" });
    });

    it("routes: valid page 200 cacheable, canonical redirect, unknown 404, form redirect; private with a session cookie", async () => {
      const w = await published();
      await issueCertificates(t.db, w.organizer, "kipp-2025", { reason: "" }, NOW);
      const [c1] = await certRows(w.kipp.edition.competitionId);
      const call = (code: string, cookie?: string) =>
        verifyLoader({
          request: new Request(`${ORIGIN}/verify/${encodeURIComponent(code)}`, cookie ? { headers: { Cookie: cookie } } : {}),
          params: { code },
          context: {},
        }) as Promise<Response>;

      const ok = await call(c1.code);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
      expect(((await ok.json()) as { kind: string }).kind).toBe("valid");

      const signedIn = await call(c1.code, "sayembara_session=abc");
      expect(signedIn.headers.get("Cache-Control")).toBe("private, no-store");

      const lower = await call(c1.code.toLowerCase());
      expect([lower.status, lower.headers.get("Location")]).toEqual([302, `/verify/${c1.code}`]);

      const unknown = await call("ZZZZ-ZZZZ-ZZZZ");
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ kind: "notFound", code: "ZZZZ-ZZZZ-ZZZZ" });
      expect((await call("not-a-code")).status).toBe(404);

      const form = (await verifyIndexLoader({ request: new Request(`${ORIGIN}/verify?code=${c1.code.toLowerCase()}`), params: {}, context: {} })) as Response;
      expect([form.status, form.headers.get("Location")]).toEqual([302, `/verify/${c1.code}`]);
      const bad = (await verifyIndexLoader({ request: new Request(`${ORIGIN}/verify?code=abc`), params: {}, context: {} })) as Response;
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ code: "abc", errors: { code: "certificates.verify.invalid" } });
      const empty = (await verifyIndexLoader({ request: new Request(`${ORIGIN}/verify`), params: {}, context: {} })) as Response;
      expect(empty.status).toBe(200);
    });
  });
});
