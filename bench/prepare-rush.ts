/**
 * The database for the deadline-rush benchmark (bench/deadline-rush.mjs):
 * a fresh SQLite file, migrated, with one national edition ("KIPP 2026",
 * the KIPP preset through applyPreset) whose registration window is open
 * now, and for each of N reference regencies/cities (ag-kab-…, ag-kota-…) an
 * Admin Lokal with a signed-in session (a sessions row, no password: argon2
 * is not what is measured) and one COMPLETE draft in the Umum group per
 * phase (burst, spread): every section filled within its word limit, the
 * header complete, the two required PDFs attached (rows pointing at one small
 * PDF stored once through the storage module). Five more drafts take the
 * 50 MB uploads, whose slot (dokumen_pendukung) is raised to 60 MB.
 *
 *   UPLOADS_DIR=tmp/bench/rush-uploads npx tsx bench/prepare-rush.ts <sqlite> <plan.json> [agencies] [uploaders]
 *
 * Writes <plan.json>: the competition, the session cookie value of each
 * agency, the numbers of its drafts and the form values the browser would
 * post (every field, so a save never blanks one). Drafts are made through the
 * services (createDraft, saveProposal) and each is checked complete with
 * getProposalPage before the plan is written, so a refused submission in the
 * benchmark is the server's doing, not the setup's.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDatabase, migrateToLatest } from "~/db.server";
import { presetFor } from "~/domain/edition-presets";
import { newToken } from "~/lib/ids.server";
import { localDiskStorage, newStorageKey, tempDir, uploadsDir } from "~/lib/storage.server";
import { insertProposalFile } from "~/models/files.server";
import { loadActor } from "~/models/users.server";
import { fieldsToFormValues, type ProposalFields } from "~/schemas/proposal";
import { createDraft, getProposalPage, saveProposal } from "~/services/proposals.server";
import { applyPreset } from "~/services/settings.server";
import { buildCompetition, buildOrganizer, buildUser } from "../db/builders";

const [target, planFile, agenciesArg, uploadersArg] = process.argv.slice(2);
if (!target || !planFile) {
  console.error("usage: UPLOADS_DIR=… tsx bench/prepare-rush.ts <sqlite file> <plan.json> [agencies=300] [uploaders=5]");
  process.exit(2);
}
if (!process.env.UPLOADS_DIR) {
  console.error("set UPLOADS_DIR (the server must read the same directory)");
  process.exit(2);
}
const AGENCIES = Number(agenciesArg ?? 300);
const UPLOADERS = Number(uploadersArg ?? 5);
const PHASES = ["burst", "spread"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

const file = path.resolve(target);
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
rmSync(uploadsDir(), { recursive: true, force: true });
mkdirSync(tempDir(), { recursive: true });

// A deterministic word source, so every run posts texts of the same length.
let seed = 20261124;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const WORDS = (
  "pelayanan publik inovasi masyarakat warga desa kecamatan kabupaten kota dinas kesehatan pendidikan " +
  "administrasi kependudukan data digital aplikasi antrean waktu biaya layanan petugas puskesmas sekolah " +
  "peningkatan kualitas kepuasan pengaduan transparansi akuntabilitas kolaborasi mitra swasta akademisi " +
  "media anggaran regulasi peraturan bupati wali kota sumber daya manusia pelatihan evaluasi pemantauan " +
  "capaian target penerima manfaat keluarga miskin lansia disabilitas perempuan anak petani nelayan usaha " +
  "mikro kecil menengah perizinan terpadu satu pintu jemput bola keliling terpencil perbatasan hasil dampak"
).split(" ");
function text(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]);
  // Sentences of about twelve words.
  return out.map((w, i) => (i % 12 === 11 ? `${w}.` : w)).join(" ") + ".";
}

const db = createDatabase({ sqlitePath: file });
try {
  await migrateToLatest(db);
  const started = Date.now();
  const now = new Date();

  const organizerId = await buildOrganizer(db, { name: "Kementerian PANRB", kind: "national" });
  const competitionId = await buildCompetition(db, { organizerId, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
  await applyPreset(db, competitionId, presetFor("kipp", 2026));
  // Open now, closing in a week; the edition admits every agency.
  const window = { startsAt: new Date(now.getTime() - 30 * DAY_MS).toISOString(), endsAt: new Date(now.getTime() + 7 * DAY_MS).toISOString() };
  await db.insertInto("competition_stages").values({ competition_id: competitionId, stage: "pendaftaran", starts_at: window.startsAt, ends_at: window.endsAt }).execute();
  await db.updateTable("competitions").set({ allowed_clusters: "[]", eligible_province_code: null }).where("id", "=", competitionId).execute();

  const umum = await db
    .selectFrom("competition_groups")
    .select(["id"])
    .where("competition_id", "=", competitionId)
    .where("key", "=", "umum")
    .executeTakeFirstOrThrow();
  const slots = await db.selectFrom("group_attachment_slots").select(["key", "required", "max_size_mb"]).where("group_id", "=", umum.id).execute();
  const sections = await db.selectFrom("group_sections").select(["key", "word_limit", "required"]).where("group_id", "=", umum.id).orderBy("position").execute();
  const category = await db
    .selectFrom("competition_categories")
    .select(["id"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .executeTakeFirstOrThrow();
  const UPLOAD_SLOT = "dokumen_pendukung";
  if (!slots.some((s) => s.key === UPLOAD_SLOT)) throw new Error(`the KIPP preset has no ${UPLOAD_SLOT} slot`);
  await db.updateTable("group_attachment_slots").set({ max_size_mb: 60 }).where("group_id", "=", umum.id).where("key", "=", UPLOAD_SLOT).execute();

  // One small real PDF, stored once through the storage module; every required attachment row points at it.
  const pdf = Buffer.from(
    "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n" +
      "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
  );
  const tmpPdf = path.join(tempDir(), `${newStorageKey()}.part`);
  writeFileSync(tmpPdf, pdf);
  const stored = await localDiskStorage.put(tmpPdf, { key: newStorageKey(), mime: "application/pdf", size: pdf.length });
  const requiredSlots = slots.filter((s) => s.required === 1).map((s) => s.key);

  const agencies = await db
    .selectFrom("agencies")
    .select(["id", "code", "name"])
    .where("cluster", "in", ["kabupaten", "kota"])
    .where((eb) => eb.or([eb("id", "like", "ag-kab-%"), eb("id", "like", "ag-kota-%")]))
    .orderBy("code")
    .limit(AGENCIES + UPLOADERS)
    .execute();
  if (agencies.length < AGENCIES + UPLOADERS) throw new Error(`only ${agencies.length} reference regencies/cities`);

  const expiresAt = new Date(now.getTime() + 14 * DAY_MS).toISOString();
  const plan = {
    competitionId,
    groupId: umum.id,
    registration: window,
    uploadSlot: UPLOAD_SLOT,
    agencies: [] as { agencyId: string; name: string; session: string; drafts: Record<string, { number: string; values: Record<string, string> }> }[],
    uploaders: [] as { agencyId: string; session: string; number: string }[],
  };

  async function agencyWithSession(a: { id: string; code: string; name: string }) {
    const userId = await buildUser(db, {
      email: `admin.${a.code.toLowerCase()}@bench.test`,
      name: `Admin Lokal ${a.name}`,
      password: null,
      roles: [{ role: "admin_lokal", agencyId: a.id }],
    });
    const session = newToken();
    await db.insertInto("sessions").values({ id: session, user_id: userId, expires_at: expiresAt }).execute();
    const actor = await loadActor(db, userId);
    if (!actor) throw new Error(`no actor for ${a.code}`);
    return { actor, session };
  }

  async function newDraft(actor: NonNullable<Awaited<ReturnType<typeof loadActor>>>, agencyId: string, title: string) {
    const created = await createDraft(db, actor, { agencyId, competitionId, groupId: umum.id, title });
    if (!created.ok) throw new Error(`createDraft refused: ${JSON.stringify(created.errors)}`);
    return created.number;
  }

  for (let i = 0; i < AGENCIES; i++) {
    const a = agencies[i];
    const { actor, session } = await agencyWithSession(a);
    const drafts: Record<string, { number: string; values: Record<string, string> }> = {};
    for (const phase of PHASES) {
      const title = `Layanan ${phase === "burst" ? "Cepat" : "Tuntas"} ${a.name}`;
      const number = await newDraft(actor, a.id, title);
      const fields: ProposalFields = {
        title,
        serviceUnit: `Dinas Kependudukan dan Pencatatan Sipil ${a.name}`,
        innovatorKind: "team",
        innovatorNames: `Tim Inovasi ${a.name}`,
        innovatorDecree: `SK ${i + 1}/2023`,
        startedOn: "2021-03-01",
        categoryId: category.id,
        contactName: actor.name,
        contactEmail: actor.email,
        contactPhone: "0812-0000-0000",
        videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        declaration: true,
        // Three quarters of each limit: a full, realistic form.
        answers: Object.fromEntries(sections.map((s) => [s.key, text(Math.floor((s.word_limit ?? 400) * 0.75))])),
      };
      const saved = await saveProposal(db, actor, number, { version: 1, fields });
      if (!saved.ok) throw new Error(`saveProposal refused ${number}: ${JSON.stringify(saved)}`);
      const p = await db.selectFrom("proposals").select(["id"]).where("number", "=", number).executeTakeFirstOrThrow();
      for (const slotKey of requiredSlots) {
        await insertProposalFile(db, {
          proposalId: p.id,
          slotKey,
          storage: stored.storage,
          storageKey: stored.storageKey,
          originalName: `${slotKey}.pdf`,
          mimeType: "application/pdf",
          sizeBytes: pdf.length,
          sha256: "0".repeat(64),
          uploadedBy: actor.userId,
        });
      }
      const page = await getProposalPage(db, actor, number);
      if (page.problems.length > 0 || page.blocking.length > 0 || !page.may.submit) {
        throw new Error(`draft ${number} is not submittable: ${JSON.stringify({ problems: page.problems, blocking: page.blocking, may: page.may })}`);
      }
      drafts[phase] = { number, values: fieldsToFormValues(fields) };
    }
    plan.agencies.push({ agencyId: a.id, name: a.name, session, drafts });
    if ((i + 1) % 50 === 0) process.stdout.write(`  ${i + 1}/${AGENCIES} agencies ready\n`);
  }

  for (let i = 0; i < UPLOADERS; i++) {
    const a = agencies[AGENCIES + i];
    const { actor, session } = await agencyWithSession(a);
    const number = await newDraft(actor, a.id, `Bukti dukung ${a.name}`);
    plan.uploaders.push({ agencyId: a.id, session, number });
  }

  writeFileSync(path.resolve(planFile), JSON.stringify(plan));
  console.log(
    `rush database ready: ${path.relative(process.cwd(), file)} — ${AGENCIES} agencies × ${PHASES.length} complete drafts, ` +
      `${UPLOADERS} upload drafts (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
} finally {
  await db.destroy();
}
