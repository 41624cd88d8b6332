/**
 * Demo proposals (issue 3), called at the end of seedDemo's transaction
 * (scripts/seed-demo.ts):
 *
 * - KIPP 2025 (registration closed 30 June 2025 23:59 WIB): 40 submitted
 *   proposals from ministries, agencies, provinces, regencies, cities and
 *   state enterprises in all three groups, with their files, two Replikasi
 *   proposals naming their sources (one on the platform, one external), and
 *   the administrative screening run, decided (37 lolos, 3 tidak lolos: too
 *   young, filler answers, duplicate title) and published in July 2025, with
 *   the result mails in the outbox.
 * - Sivablik 2025 (registration open around the seed time): six submitted
 *   proposals from Kota Singkawang, Kabupaten Kubu Raya and two provincial
 *   OPD, and Kota Pontianak's one half-written Umum draft (its innovator's).
 *
 * Rows are written with the model functions where they fit (numbers from the
 * edition counter, proposals, sources, screening checks and decisions,
 * publication) and with Kysely where the history needs its own timestamps
 * (headers, answers, files, audit rows, mails), all inside the caller's
 * transaction: the screening services open transactions of their own, so
 * their steps are taken here with the same models and domain rules. Files go
 * to local disk through the storage module (even when UploadThing is
 * configured: demo data stays on the machine that loads it).
 */
import type { DB } from "~/db.server";
import type { EditionSettings, Group } from "~/domain/edition";
import {
  completenessProblems,
  defaultNumberPrefix,
  formatProposalNumber,
  normalizeTitle,
  receiptNumber,
  wibDate,
} from "~/domain/proposal-rules";
import {
  buildChecks,
  serializeCheckList,
  suggestedReasons,
  type CheckList,
  type ScreeningReason,
  type ScreeningSubject,
} from "~/domain/screening";
import { wibLocalToUtcIso } from "~/domain/time";
import { translate } from "~/i18n";
import { newId } from "~/lib/ids.server";
import { localDiskStorage, newStorageKey, writeTempFile } from "~/lib/storage.server";
import { getEditionSettings } from "~/models/edition.server";
import { insertProposal, insertSource, nextNumberInCompetition } from "~/models/proposals.server";
import {
  adminLokalOfEntrants,
  fileReadable,
  loadScreeningInputs,
  markScreeningPublished,
  saveCheckLists,
  saveDecisions,
} from "~/models/screening.server";
import { findUserByEmail } from "~/models/users.server";
import {
  FILLER_ANSWERS,
  KIPP_INNOVATIONS,
  PONTIANAK_DRAFT,
  PONTIANAK_DRAFT_SECTIONS,
  prng,
  SIVABLIK_INNOVATIONS,
  writeProposal,
  type Innovation,
} from "./innovations";

export interface DemoIds {
  panrb: string;
  kalbar: string;
  kipp: string;
  sivablik: string;
}

export interface DemoProposalCounts {
  kippSubmitted: number;
  kippLolos: number;
  kippTidakLolos: number;
  sivablikSubmitted: number;
  sivablikDrafts: number;
  files: number;
}

const WIB = (local: string) => wibLocalToUtcIso(local)!;
const HOUR = 3_600_000;

/** Agencies an innovation names by code: reference ids are ag-<code>, seeded OPD are looked up by code. */
export async function agenciesByCode(db: DB, codes: string[]) {
  const rows = await db.selectFrom("agencies").select(["id", "code", "name", "cluster"]).where("code", "in", [...new Set(codes)]).execute();
  const map = new Map(rows.map((r) => [r.code, r]));
  for (const c of codes) if (!map.has(c)) throw new Error(`seedDemoProposals: no agency with code ${c}`);
  return map;
}

export async function userIdByEmail(db: DB, email: string): Promise<string> {
  const u = await findUserByEmail(db, email);
  if (!u) throw new Error(`seedDemoProposals: no user ${email}`);
  return u.id;
}

// ---------------------------------------------------------------------------
// A small real PDF (one page of text), so stored files read back and open.

function pdfText(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "-");
}

export function makePdf(title: string, lines: string[]): Buffer {
  const body = [
    "BT /F1 16 Tf 72 760 Td",
    `(${pdfText(title)}) Tj`,
    "/F1 11 Tf 0 -28 Td 14 TL",
    ...lines.map((l) => `(${pdfText(l)}) '`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(body, "latin1")} >>\nstream\n${body}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const SLOT_DOCS: Record<string, { file: string; title: string }> = {
  sk_inovator: { file: "SK_Tim_Inovasi", title: "SURAT KEPUTUSAN PENETAPAN TIM INOVASI" },
  surat_pernyataan: { file: "Surat_Pernyataan_Kebenaran_Data", title: "SURAT PERNYATAAN KEBENARAN DATA" },
  komitmen_replikasi: { file: "Surat_Komitmen_Replikasi", title: "SURAT KOMITMEN REPLIKASI" },
  dokumen_pendukung: { file: "Laporan_Capaian_Inovasi", title: "LAPORAN CAPAIAN INOVASI" },
};

const pdfCache = new Map<string, Buffer>();
function slotPdf(slot: string): Buffer {
  let b = pdfCache.get(slot);
  if (!b) {
    b = makePdf(SLOT_DOCS[slot]?.title ?? "DOKUMEN PENDUKUNG", [
      "Dokumen contoh untuk data demo Sayembara.",
      "Isi dokumen ini bukan dokumen resmi instansi mana pun.",
    ]);
    pdfCache.set(slot, b);
  }
  return b;
}

async function* once(b: Buffer) {
  yield new Uint8Array(b);
}

/** Store one copy of the slot's PDF through the storage module (local disk) and return the proposal_files row. */
async function storedFile(p: { proposalId: string; slot: string; short: string; uploadedBy: string | null; at: string }) {
  const bytes = slotPdf(p.slot);
  const temp = await writeTempFile(once(bytes), bytes.length);
  if (!temp.ok) throw new Error("seedDemoProposals: demo PDF too large");
  const stored = await localDiskStorage.put(temp.path, { key: newStorageKey(), mime: "application/pdf", size: temp.size });
  const name = `${SLOT_DOCS[p.slot]?.file ?? p.slot}_${p.short.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")}.pdf`;
  return {
    id: newId(),
    proposal_id: p.proposalId,
    slot_key: p.slot,
    storage: stored.storage,
    storage_key: stored.storageKey,
    original_name: name,
    mime_type: "application/pdf",
    size_bytes: temp.size,
    sha256: temp.sha256,
    uploaded_by: p.uploadedBy,
    created_at: p.at,
  };
}

// ---------------------------------------------------------------------------
// Proposals

export interface AuditRow {
  at: string;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  organizerId: string;
  competitionId: string;
  agencyId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface Made {
  id: string;
  number: string;
  inv: Innovation;
  agencyId: string;
}

export interface Plan {
  inv: Innovation;
  createdAt: string;
  submittedAt: string | null;
  createdBy: string | null;
  submittedBy: string | null;
  /** Sections to fill (all when undefined). */
  sections?: readonly string[];
  /** Attach the optional supporting document too. */
  extraDoc: boolean;
}

/** Chunked multi-row insert (SQLite's bound-parameter limit). */
export async function insertRows<T extends "proposal_answers" | "proposal_files" | "audit_log" | "outbox">(
  db: DB,
  table: T,
  rows: Record<string, unknown>[],
  size = 150,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

export async function createProposals(
  db: DB,
  settings: EditionSettings,
  plans: Plan[],
  audit: AuditRow[],
  ctx: { agencies: Awaited<ReturnType<typeof agenciesByCode>>; platformSources: Map<string, Made> },
): Promise<{ made: Made[]; files: number }> {
  const prefix = settings.numberPrefix || defaultNumberPrefix(settings.name, settings.year);
  const endsYear = Number((settings.registration.endsAt ?? new Date().toISOString()).slice(0, 4));
  const made: Made[] = [];
  const answerRows: Record<string, unknown>[] = [];
  const fileJobs: Parameters<typeof storedFile>[0][] = [];
  // Numbers are given in creation order, as the app gives them.
  const ordered = [...plans].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const plan of ordered) {
    const { inv } = plan;
    const agency = ctx.agencies.get(inv.agency)!;
    const group = settings.groups.find((g) => g.key === inv.group);
    const category = settings.categories.find((c) => c.key === inv.category);
    if (!group || !category) throw new Error(`seedDemoProposals: ${settings.slug} has no group ${inv.group} or category ${inv.category}`);
    const source = inv.source && "platform" in inv.source ? ctx.platformSources.get(inv.source.platform) : undefined;
    const written = writeProposal(inv, {
      agencyName: agency.name,
      cluster: agency.cluster,
      editionYear: endsYear,
      editionName: settings.name,
      sourceAgencyName: source ? ctx.agencies.get(source.inv.agency)?.name : undefined,
    });
    const answers = inv.weak === "filler" ? FILLER_ANSWERS : written.answers;

    const n = await nextNumberInCompetition(db, settings.competitionId);
    const number = formatProposalNumber(prefix, n);
    const id = await insertProposal(db, {
      competitionId: settings.competitionId,
      groupId: group.id,
      agencyId: agency.id,
      number,
      title: inv.title,
      titleKey: normalizeTitle(inv.title),
      contactName: inv.contactName,
      contactEmail: inv.contactEmail,
      createdBy: plan.createdBy as string, // null for agencies without accounts in the demo
      now: plan.createdAt,
    });
    const r = prng(number);
    const saves = 2 + Math.floor(r() * 9);
    const submitted = plan.submittedAt !== null;
    const lastSave = submitted ? new Date(Date.parse(plan.submittedAt!) - (1 + Math.floor(r() * 30)) * HOUR).toISOString() : plan.createdAt;
    const header = {
      title: inv.title,
      title_key: normalizeTitle(inv.title),
      category_id: category.id,
      service_unit: inv.unit,
      innovator_kind: inv.innovators.includes(";") ? "team" : "person",
      innovator_names: inv.innovators.split(";").map((s) => s.trim()).join("\n"),
      innovator_decree: written.decree,
      started_on: inv.started,
      contact_name: inv.contactName,
      contact_email: inv.contactEmail,
      contact_phone: written.phone,
      video_url: submitted && (group.videoRequired || r() < 0.6) ? `https://www.youtube.com/watch?v=${written.videoId}` : "",
      declaration: submitted ? 1 : 0,
    };
    const receipt = submitted ? receiptNumber(number, plan.submittedAt!) : null;
    await db
      .updateTable("proposals")
      .set({
        ...header,
        status: submitted ? "submitted" : "draft",
        version: submitted ? saves + 1 : saves,
        receipt_number: receipt,
        submitted_at: plan.submittedAt,
        submitted_by: plan.submittedBy,
        updated_by: plan.submittedBy ?? plan.createdBy,
        updated_at: submitted ? plan.submittedAt! : lastSave,
      })
      .where("id", "=", id)
      .execute();
    const keys = plan.sections ?? group.sections.map((s) => s.key);
    for (const key of keys) {
      if (answers[key]) answerRows.push({ proposal_id: id, section_key: key, body: answers[key] });
    }

    const m: Made = { id, number, inv, agencyId: agency.id };
    made.push(m);
    if (inv.source) {
      if ("platform" in inv.source) {
        if (!source) throw new Error(`seedDemoProposals: source "${inv.source.platform}" must be created first`);
        await insertSource(db, { proposalId: id, sourceProposalId: source.id });
      } else {
        await insertSource(db, { proposalId: id, externalTitle: inv.source.title, externalAgency: inv.source.agency, externalYear: inv.source.year });
      }
    }
    if (submitted) {
      const fileAt = new Date(Date.parse(lastSave) - 2 * HOUR).toISOString();
      const slots = group.slots.filter((s) => s.required || (plan.extraDoc && s.key === "dokumen_pendukung")).map((s) => s.key);
      for (const slot of slots) fileJobs.push({ proposalId: id, slot, short: shortOf(inv.title), uploadedBy: plan.createdBy, at: fileAt });
    }

    const base = { organizerId: settings.organizerId, competitionId: settings.competitionId, agencyId: agency.id, entityType: "proposal", entityId: id };
    audit.push({ ...base, at: plan.createdAt, actor: plan.createdBy, action: "proposal.created", after: { number, group: group.key, title: inv.title, status: "draft", version: 1 } });
    if (submitted) {
      audit.push({
        ...base,
        at: plan.submittedAt!,
        actor: plan.submittedBy,
        action: "proposal.submitted",
        before: { status: "draft", version: saves },
        after: { status: "submitted", version: saves + 1, receipt_number: receipt, submitted_at: plan.submittedAt },
      });
    }
    // A Khusus/Replikasi source must exist before the proposal that names it.
    ctx.platformSources.set(inv.title, m);
  }
  await insertRows(db, "proposal_answers", answerRows);
  const fileRows: Record<string, unknown>[] = [];
  for (let i = 0; i < fileJobs.length; i += 16) {
    fileRows.push(...(await Promise.all(fileJobs.slice(i, i + 16).map(storedFile))));
  }
  await insertRows(db, "proposal_files", fileRows);
  return { made, files: fileRows.length };
}

function shortOf(title: string): string {
  const colon = title.indexOf(":");
  return colon > 0 ? title.slice(0, colon) : title.split(" ").slice(0, 4).join(" ");
}

// ---------------------------------------------------------------------------
// KIPP 2025

/**
 * Creation and submission times inside the real 2025 window: drafts from
 * mid-April to late June, submissions over June with the usual rush in the
 * last three days (the last at 23:41 WIB on the 30th). A source innovation is
 * created before the Replikasi proposal that names it.
 */
function kippTimes(index: number, total: number, inv: Innovation): { created: string; submitted: string } {
  const r = prng(`kipp|${inv.title}|${inv.unit}`);
  const createdDay = 15 + Math.floor((index / total) * 60); // 15 Apr … ~14 Jun
  const created = new Date(Date.parse(WIB("2025-04-14T09:00")) + createdDay * 86_400_000 + Math.floor(r() * 8) * HOUR);
  let submitted: Date;
  if (index === total - 1) {
    submitted = new Date(WIB("2025-06-30T23:41"));
  } else if (r() < 0.45) {
    // the rush: 28–30 June
    const day = 28 + Math.floor(r() * 3);
    submitted = new Date(Date.parse(WIB(`2025-06-${day}T08:00`)) + Math.floor(r() * 15 * 60) * 60_000);
  } else {
    const day = 2 + Math.floor(r() * 25);
    submitted = new Date(Date.parse(WIB(`2025-06-${String(day).padStart(2, "0")}T08:30`)) + Math.floor(r() * 9 * 60) * 60_000);
  }
  if (submitted.getTime() <= created.getTime()) submitted = new Date(created.getTime() + 3 * 86_400_000);
  return { created: created.toISOString(), submitted: submitted.toISOString() };
}

const SCREENING_NOTES: Record<string, (p: { list: CheckList; other?: string }) => string> = {
  too_young: ({ list }) => {
    const f = list.checks.find((c) => c.kind === "age")?.findings[0];
    const params = f && f.type === "problem" ? f.params ?? {} : {};
    return `Inovasi baru berjalan ${params.actual ?? "kurang dari 24"} bulan saat pendaftaran ditutup 30 Juni 2025; Kelompok Umum mensyaratkan sekurang-kurangnya ${params.months ?? 24} bulan.`;
  },
  filler: () =>
    'Sebagian besar bagian proposal hanya berisi "Lihat lampiran", "Tidak ada", atau satu kalimat pendek, sehingga substansi inovasi tidak dapat dinilai.',
  duplicate: ({ other }) => `Judul dan inovasi sama dengan ${other} yang diajukan lebih dahulu oleh instansi yang sama; hanya pengajuan pertama yang diproses.`,
};

async function seedKipp(db: DB, ids: DemoIds, audit: AuditRow[], origin: string) {
  const settings = await getEditionSettings(db, ids.kipp);
  if (!settings) throw new Error("seedDemoProposals: no KIPP 2025");
  const agencies = await agenciesByCode(db, KIPP_INNOVATIONS.map((i) => i.agency));
  const sekretariat = await userIdByEmail(db, "sekretariat@menpan.test");
  const accounts = new Map([
    ["KOTA-61.71", { creator: await userIdByEmail(db, "puskesmas.alianyang@pontianak.test"), admin: await userIdByEmail(db, "adminlokal@pontianak.test") }],
    ["KAB-61.12", { creator: await userIdByEmail(db, "adminlokal@kuburaya.test"), admin: await userIdByEmail(db, "adminlokal@kuburaya.test") }],
    ["KOTA-61.72", { creator: await userIdByEmail(db, "adminlokal@singkawang.test"), admin: await userIdByEmail(db, "adminlokal@singkawang.test") }],
  ]);

  // Sources first (a Replikasi names an existing proposal), weak ones last.
  const order = [...KIPP_INNOVATIONS].sort((a, b) => rank(a) - rank(b));
  const plans: Plan[] = order.map((inv, i) => {
    const t = kippTimes(i, order.length, inv);
    const acc = accounts.get(inv.agency);
    return { inv, createdAt: t.created, submittedAt: t.submitted, createdBy: acc?.creator ?? null, submittedBy: acc?.admin ?? null, extraDoc: i % 3 === 0 };
  });
  const { made, files } = await createProposals(db, settings, plans, audit, { agencies, platformSources: new Map() });

  // Screening: automatic checks on 1 July, decisions over the following weeks, published 25 July.
  const checkedAt = WIB("2025-07-01T09:12");
  const inputs = await loadScreeningInputs(db, ids.kipp);
  const readable = await Promise.all(inputs.files.map((f) => fileReadable(f)));
  const answers = new Map<string, Record<string, string>>();
  for (const a of inputs.answers) answers.set(a.proposal_id, { ...(answers.get(a.proposal_id) ?? {}), [a.section_key]: a.body });
  const sources = new Map(inputs.sources.map((s) => [s.proposal_id, s.n]));
  const subjects: ScreeningSubject[] = inputs.proposals.map((p) => {
    const own = inputs.files.map((f, i) => ({ f, ok: readable[i] })).filter((x) => x.f.proposal_id === p.id);
    return {
      id: p.id,
      number: p.number,
      agencyId: p.agency_id,
      groupId: p.group_id,
      submittedAt: p.submitted_at ?? "",
      draft: {
        title: p.title,
        categoryId: p.category_id,
        serviceUnit: p.service_unit,
        innovatorNames: p.innovator_names,
        startedOn: p.started_on,
        contactName: p.contact_name,
        contactEmail: p.contact_email,
        declaration: p.declaration === 1,
        videoUrl: p.video_url,
        answers: answers.get(p.id) ?? {},
        fileSlots: [...new Set(own.map((x) => x.f.slot_key))],
        sourceCount: sources.get(p.id) ?? 0,
      },
      files: own.map((x) => ({ slotKey: x.f.slot_key, name: x.f.original_name, readable: x.ok })),
    };
  });
  const lists = buildChecks(settings, subjects, wibDate(checkedAt));
  await saveCheckLists(
    db,
    [...lists].map(([proposalId, list]) => ({ proposalId, checksJson: serializeCheckList(list) })),
    checkedAt,
  );
  const withProblems = [...lists.values()].filter((l) => l.problemCount > 0).length;
  audit.push({
    at: checkedAt,
    actor: sekretariat,
    action: "screening.checked",
    entityType: "competition",
    entityId: ids.kipp,
    organizerId: ids.panrb,
    competitionId: ids.kipp,
    after: { checked: lists.size, withProblems },
  });

  const duplicateFirst = made.find((m) => m.inv.title === made.find((x) => x.inv.weak === "duplicate")?.inv.title && !m.inv.weak);
  const duplicateSecond = made.find((m) => m.inv.weak === "duplicate");
  let lolos = 0;
  let tidakLolos = 0;
  const byNumber = [...made].sort((a, b) => (a.number < b.number ? -1 : 1));
  for (const [i, m] of byNumber.entries()) {
    const list = lists.get(m.id)!;
    const decidedAt = new Date(Date.parse(WIB(`2025-07-${String(7 + Math.floor((i / byNumber.length) * 12)).padStart(2, "0")}T09:00`)) + (i % 7) * 47 * 60_000).toISOString();
    let result: "lolos" | "tidak_lolos" = "lolos";
    let reasons: ScreeningReason[] = [];
    let note = "";
    if (m.inv.weak) {
      result = "tidak_lolos";
      reasons = suggestedReasons(list);
      note = SCREENING_NOTES[m.inv.weak]({ list, other: duplicateFirst?.number });
    } else if (m === duplicateFirst && duplicateSecond) {
      note = `Judul sama dengan ${duplicateSecond.number} dari instansi yang sama; proposal ini diajukan lebih dahulu dan dinyatakan lolos.`;
    }
    if (result === "lolos") lolos++;
    else tidakLolos++;
    await saveDecisions(db, [m.id], { result, reasonsJson: JSON.stringify(reasons), note, decidedBy: sekretariat, decidedAt });
    audit.push({
      at: decidedAt,
      actor: sekretariat,
      action: "screening.decided",
      entityType: "proposal",
      entityId: m.id,
      organizerId: ids.panrb,
      competitionId: ids.kipp,
      agencyId: m.agencyId,
      before: { number: m.number, result: null },
      after: { number: m.number, result, reasons, note },
    });
  }

  const publishedAt = WIB("2025-07-25T10:00");
  await markScreeningPublished(db, ids.kipp, publishedAt);
  audit.push({
    at: publishedAt,
    actor: sekretariat,
    action: "screening.published",
    entityType: "competition",
    entityId: ids.kipp,
    organizerId: ids.panrb,
    competitionId: ids.kipp,
    before: { published_at: null },
    after: { published_at: publishedAt, total: made.length, lolos, tidak_lolos: tidakLolos },
  });
  // The result mails publishScreening sends, kept in the outbox as they were that day.
  const mails = (await adminLokalOfEntrants(db, ids.kipp)).map((r) => {
    const locale = r.locale === "en" ? "en" : "id";
    return {
      id: newId(),
      to_address: r.email,
      subject: translate(locale, "screening.mail.subject", { competition: settings.name }),
      body_text: translate(locale, "screening.mail.body", {
        name: r.name,
        agency: r.agency_name,
        competition: settings.name,
        link: `${origin}/agency/${r.agency_id}/results`,
      }),
      transport: "outbox",
      status: "kept",
      error: null,
      created_at: publishedAt,
      sent_at: null,
    };
  });
  await insertRows(db, "outbox", mails);
  return { submitted: made.length, lolos, tidakLolos, files, withProblems };
}

/** Khusus (possible sources) first, then Umum, Replikasi, and the weak ones last. */
function rank(inv: Innovation): number {
  if (inv.weak) return 3;
  return inv.group === "khusus" ? 0 : inv.group === "umum" ? 1 : 2;
}

// ---------------------------------------------------------------------------
// Sivablik 2025

async function seedSivablik(db: DB, ids: DemoIds, audit: AuditRow[], now: Date) {
  const settings = await getEditionSettings(db, ids.sivablik);
  if (!settings?.registration.startsAt) throw new Error("seedDemoProposals: Sivablik 2025 has no registration window");
  const agencies = await agenciesByCode(db, [...SIVABLIK_INNOVATIONS, PONTIANAK_DRAFT].map((i) => i.agency));
  const kubuRaya = await userIdByEmail(db, "adminlokal@kuburaya.test");
  const singkawang = await userIdByEmail(db, "adminlokal@singkawang.test");
  const admins: Record<string, string | null> = { "KAB-61.12": kubuRaya, "KOTA-61.72": singkawang };
  // Sources on the platform: KIPP 2025 proposals (another edition, as the app's source search requires).
  const platformSources = new Map<string, Made>();
  const kippRows = await db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .select(["proposals.id", "proposals.number", "proposals.title", "proposals.agency_id", "agencies.code"])
    .where("proposals.competition_id", "=", ids.kipp)
    .where("proposals.status", "=", "submitted")
    .execute();
  for (const inv of SIVABLIK_INNOVATIONS) {
    if (inv.source && "platform" in inv.source) {
      const title = inv.source.platform;
      const row = kippRows.find((r) => r.title === title);
      if (!row) throw new Error(`seedDemoProposals: no KIPP 2025 proposal "${title}"`);
      const src = KIPP_INNOVATIONS.find((k) => k.title === title)!;
      platformSources.set(title, { id: row.id, number: row.number, inv: src, agencyId: row.agency_id });
      if (!agencies.has(src.agency)) {
        const extra = await agenciesByCode(db, [src.agency]);
        agencies.set(src.agency, extra.get(src.agency)!);
      }
    }
  }

  const opened = Date.parse(settings.registration.startsAt);
  const span = Math.max(now.getTime() - opened, 2 * HOUR);
  const plans: Plan[] = SIVABLIK_INNOVATIONS.map((inv, i) => {
    // Created in the first days of the window, submitted before now.
    const created = opened + Math.floor(span * (0.05 + 0.08 * i));
    const submitted = Math.min(now.getTime() - 30 * 60_000, created + Math.floor(span * 0.3));
    const admin = admins[inv.agency] ?? null;
    return {
      inv,
      createdAt: new Date(created).toISOString(),
      submittedAt: new Date(Math.max(submitted, created + 60_000)).toISOString(),
      createdBy: admin,
      submittedBy: admin,
      extraDoc: i % 2 === 0,
    };
  });
  const pontianakInnovator = await userIdByEmail(db, "inovator@pontianak.test");
  plans.push({
    inv: PONTIANAK_DRAFT,
    createdAt: new Date(opened + Math.floor(span * 0.4)).toISOString(),
    submittedAt: null,
    createdBy: pontianakInnovator,
    submittedBy: null,
    sections: PONTIANAK_DRAFT_SECTIONS,
    extraDoc: false,
  });
  const { made, files } = await createProposals(db, settings, plans, audit, { agencies, platformSources });

  // Every submitted Sivablik proposal must be one the app would have accepted.
  for (const m of made.filter((x) => x.inv !== PONTIANAK_DRAFT)) {
    await assertComplete(db, settings, m);
  }
  return { submitted: made.length - 1, drafts: 1, files };
}

async function assertComplete(db: DB, settings: EditionSettings, m: Made): Promise<void> {
  const p = await db.selectFrom("proposals").selectAll().where("id", "=", m.id).executeTakeFirstOrThrow();
  const group = settings.groups.find((g) => g.id === p.group_id) as Group;
  const answers = await db.selectFrom("proposal_answers").select(["section_key", "body"]).where("proposal_id", "=", m.id).execute();
  const files = await db.selectFrom("proposal_files").select("slot_key").where("proposal_id", "=", m.id).execute();
  const sources = await db.selectFrom("proposal_sources").select("id").where("proposal_id", "=", m.id).execute();
  const problems = completenessProblems(
    group,
    {
      title: p.title,
      categoryId: p.category_id,
      serviceUnit: p.service_unit,
      innovatorNames: p.innovator_names,
      startedOn: p.started_on,
      contactName: p.contact_name,
      contactEmail: p.contact_email,
      declaration: p.declaration === 1,
      videoUrl: p.video_url,
      answers: Object.fromEntries(answers.map((a) => [a.section_key, a.body])),
      fileSlots: files.map((f) => f.slot_key),
      sourceCount: sources.length,
    },
    { categoryIds: settings.categories.map((c) => c.id), registrationEndsAt: settings.registration.endsAt, today: wibDate(p.submitted_at ?? new Date().toISOString()) },
  );
  if (problems.length > 0) throw new Error(`seedDemoProposals: ${m.number} would not have been accepted: ${JSON.stringify(problems)}`);
}

// ---------------------------------------------------------------------------

/**
 * Load the demo proposals into the seed's transaction. `now` is the seed
 * time (Sivablik's window is around it); `origin` goes into mailed links.
 */
export async function seedDemoProposals(
  db: DB,
  ids: DemoIds,
  opts: { now?: Date; origin?: string } = {},
): Promise<DemoProposalCounts> {
  const now = opts.now ?? new Date();
  const origin = (opts.origin ?? process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  const audit: AuditRow[] = [];
  const kipp = await seedKipp(db, ids, audit, origin);
  const sivablik = await seedSivablik(db, ids, audit, now);
  await insertRows(
    db,
    "audit_log",
    audit
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((e) => ({
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
  return {
    kippSubmitted: kipp.submitted,
    kippLolos: kipp.lolos,
    kippTidakLolos: kipp.tidakLolos,
    sivablikSubmitted: sivablik.submitted,
    sivablikDrafts: sivablik.drafts,
    files: kipp.files + sivablik.files,
  };
}
