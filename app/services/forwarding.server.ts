/**
 * Provincial to national (issue 7): a provincial organizer's admins
 * ("proposal.forward" on their contest) forward chosen winners of the contest
 * to a national edition on this installation, or download them as a CSV file
 * in the proposals-import format (app/domain/csv.ts IMPORT_COLUMNS) that
 * another installation imports with its proposals import.
 *
 * Decided (docs/forwarding.md):
 * - The source contest must belong to a provincial organizer (404 otherwise:
 *   the page does not exist for a national edition); the actor must be an
 *   admin of that organizer (403).
 * - Winners are the `winners` table of the contest (issue 6), each with its tier.
 * - Targets: editions of a national organizer whose registration ("pendaftaran")
 *   has not ended yet (open or upcoming; a window without an end counts).
 * - Each forwarded winner becomes a DRAFT proposal of its own agency in the
 *   target: group by key (fallback "umum"; none → not forwarded), category by
 *   key when the target has it (else empty, the agency chooses), title,
 *   start date, innovator, service unit, contact and video copied, answers
 *   copied for the section keys the target group has, forwarded_from_proposal_id
 *   set. Files are not copied (the agency uploads them again).
 * - Idempotent: a winner already forwarded to that edition (any proposal there
 *   with forwarded_from_proposal_id = the winner's proposal) is skipped. The
 *   check runs after the target competition row is locked (the counter bump),
 *   so two concurrent forwards on PostgreSQL do not both create it.
 * - One transaction; one audit row "proposal.forwarded" per created draft
 *   (organizer/competition = the national edition, agency = the agency, before
 *   = the provincial proposal); the agencies are notified (notifyAgencies in
 *   the transaction) and each agency's Admin Lokal is mailed after it.
 */
import { sql } from "kysely";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { csvLine, IMPORT_COLUMNS, spreadsheetSafe, SUMMARY_SECTION_KEY, UTF8_BOM } from "~/domain/csv";
import type { EditionSettings } from "~/domain/edition";
import { defaultNumberPrefix, formatProposalNumber, isAgencyEligible, normalizeTitle } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { newId, nowIso } from "~/lib/ids.server";
import { notFound } from "~/lib/http.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import { getEditionSettings } from "~/models/edition.server";
import { reserveProposalNumbers } from "~/models/imports.server";
import { agencyPeople, notifyAgencies } from "~/models/notifications.server";
import { sendMail } from "~/services/mail.server";

// ---------------------------------------------------------------------------
// Loading

async function loadSource(db: DB, actor: Actor, slug: string) {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "proposal.forward", { type: "competition", id: c.id, organizerId: c.organizer_id });
  const org = await db.selectFrom("organizers").select(["kind", "name"]).where("id", "=", c.organizer_id).executeTakeFirst();
  if (!org || org.kind !== "provincial") notFound();
  const settings = await getEditionSettings(db, c.id);
  if (!settings) notFound();
  return { settings, organizerName: org.name };
}

export interface WinnerOption {
  winnerId: string;
  proposalId: string;
  number: string;
  title: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  groupKey: string;
  categoryKey: string | null;
  tierNameId: string;
  tierNameEn: string;
}

async function listWinnerOptions(db: DB, competitionId: string): Promise<WinnerOption[]> {
  const rows = await db
    .selectFrom("winners as w")
    .innerJoin("award_tiers as t", "t.id", "w.tier_id")
    .innerJoin("proposals as p", "p.id", "w.proposal_id")
    .innerJoin("agencies as a", "a.id", "p.agency_id")
    .innerJoin("competition_groups as g", "g.id", "p.group_id")
    .leftJoin("competition_categories as c", "c.id", "p.category_id")
    .select([
      "w.id as winner_id",
      "p.id as proposal_id",
      "p.number",
      "p.title",
      "a.id as agency_id",
      "a.code as agency_code",
      "a.name as agency_name",
      "g.key as group_key",
      "c.key as category_key",
      "t.name_id",
      "t.name_en",
    ])
    .where("w.competition_id", "=", competitionId)
    .where("p.competition_id", "=", competitionId)
    .orderBy("t.position")
    .orderBy("t.created_at")
    .orderBy("t.id")
    .orderBy("w.position")
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({
    winnerId: r.winner_id,
    proposalId: r.proposal_id,
    number: r.number,
    title: r.title,
    agencyId: r.agency_id,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    groupKey: r.group_key,
    categoryKey: r.category_key ?? null,
    tierNameId: r.name_id,
    tierNameEn: r.name_en,
  }));
}

export interface TargetOption {
  id: string;
  slug: string;
  name: string;
  year: number;
  organizerName: string;
  registrationStartsAt: string | null;
  registrationEndsAt: string | null;
}

/** National editions whose registration has not ended at `at`. */
async function listTargets(db: DB, at: string): Promise<TargetOption[]> {
  const rows = await db
    .selectFrom("competitions as c")
    .innerJoin("organizers as o", "o.id", "c.organizer_id")
    .innerJoin("competition_stages as s", (j) => j.onRef("s.competition_id", "=", "c.id").on("s.stage", "=", "pendaftaran"))
    .select(["c.id", "c.slug", "c.name", "c.year", "o.name as organizer_name", "s.starts_at", "s.ends_at"])
    .where("o.kind", "=", "national")
    .where((eb) => eb.or([eb("s.ends_at", "is", null), eb("s.ends_at", ">", at)]))
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    year: Number(r.year),
    organizerName: r.organizer_name,
    registrationStartsAt: r.starts_at,
    registrationEndsAt: r.ends_at,
  }));
}

/** Source proposal ids already forwarded to the edition. */
async function forwardedInto(db: DB, competitionId: string, sourceIds: string[]): Promise<Map<string, string>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("proposals")
    .select(["forwarded_from_proposal_id", "number"])
    .where("competition_id", "=", competitionId)
    .where("forwarded_from_proposal_id", "in", sourceIds)
    .execute();
  return new Map(rows.map((r) => [r.forwarded_from_proposal_id as string, r.number]));
}

// ---------------------------------------------------------------------------
// The page

export async function getForwardPage(db: DB, actor: Actor, slug: string, now: Date = new Date()) {
  const { settings } = await loadSource(db, actor, slug);
  const [winners, targets] = await Promise.all([listWinnerOptions(db, settings.competitionId), listTargets(db, nowIso(now))]);
  return {
    competition: { id: settings.competitionId, slug: settings.slug, name: settings.name, year: settings.year },
    winners,
    targets,
  };
}

// ---------------------------------------------------------------------------
// Planning (the preview) and forwarding

export type SkipReason = "already_forwarded" | "no_group" | "not_eligible";

export interface PlanItem {
  winnerId: string;
  sourceNumber: string;
  title: string;
  agencyName: string;
  award: string;
  /** Target group key, or null when skipped for no_group. */
  groupKey: string | null;
  categoryKey: string | null;
  /** Section keys whose text is copied. */
  copiedSections: string[];
  /** Answered section keys the target group does not have (not copied). */
  droppedSections: string[];
  skip: SkipReason | null;
  /** The existing national number when already forwarded. */
  existingNumber: string | null;
}

export type ForwardInput = { targetSlug: string; winnerIds: string[] };
export type FieldErr = Partial<Record<"targetSlug" | "winnerIds" | "_form", MessageKey>>;

interface Source {
  id: string;
  number: string;
  title: string;
  agency_id: string;
  agency_name: string;
  agency_cluster: string;
  agency_province: string | null;
  group_key: string;
  category_key: string | null;
  started_on: string | null;
  service_unit: string;
  innovator_kind: string;
  innovator_names: string;
  innovator_decree: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  video_url: string;
  tier_name_id: string;
  tier_name_en: string;
  winner_id: string;
  answers: Record<string, string>;
}

async function loadChosen(db: DB, competitionId: string, winnerIds: string[]): Promise<Source[]> {
  if (winnerIds.length === 0) return [];
  const rows = await db
    .selectFrom("winners as w")
    .innerJoin("award_tiers as t", "t.id", "w.tier_id")
    .innerJoin("proposals as p", "p.id", "w.proposal_id")
    .innerJoin("agencies as a", "a.id", "p.agency_id")
    .innerJoin("competition_groups as g", "g.id", "p.group_id")
    .leftJoin("competition_categories as c", "c.id", "p.category_id")
    .select([
      "w.id as winner_id",
      "p.id",
      "p.number",
      "p.title",
      "p.agency_id",
      "a.name as agency_name",
      "a.cluster as agency_cluster",
      "a.province_code as agency_province",
      "g.key as group_key",
      "c.key as category_key",
      "p.started_on",
      "p.service_unit",
      "p.innovator_kind",
      "p.innovator_names",
      "p.innovator_decree",
      "p.contact_name",
      "p.contact_email",
      "p.contact_phone",
      "p.video_url",
      "t.name_id as tier_name_id",
      "t.name_en as tier_name_en",
    ])
    .where("w.competition_id", "=", competitionId)
    .where("p.competition_id", "=", competitionId)
    .where("w.id", "in", winnerIds)
    .orderBy("t.position")
    .orderBy("w.position")
    .orderBy("p.number")
    .execute();
  const ids = rows.map((r) => r.id);
  const answers = ids.length
    ? await db.selectFrom("proposal_answers").select(["proposal_id", "section_key", "body"]).where("proposal_id", "in", ids).orderBy("section_key").execute()
    : [];
  const byProposal = new Map<string, Record<string, string>>();
  for (const a of answers) {
    if (!a.body.trim()) continue;
    const m = byProposal.get(a.proposal_id) ?? {};
    m[a.section_key] = a.body;
    byProposal.set(a.proposal_id, m);
  }
  return rows.map((r) => ({ ...r, category_key: r.category_key ?? null, answers: byProposal.get(r.id) ?? {} }));
}

function planOne(s: Source, target: EditionSettings, existing: Map<string, string>, locale: Locale): PlanItem {
  const group = target.groups.find((g) => g.key === s.group_key) ?? target.groups.find((g) => g.key === "umum") ?? null;
  const category = s.category_key ? (target.categories.find((c) => c.key === s.category_key) ?? null) : null;
  const sectionKeys = new Set(group?.sections.map((x) => x.key) ?? []);
  const answered = Object.keys(s.answers);
  const award = locale === "en" ? s.tier_name_en || s.tier_name_id : s.tier_name_id;
  let skip: SkipReason | null = null;
  if (existing.has(s.id)) skip = "already_forwarded";
  else if (!group) skip = "no_group";
  else if (!isAgencyEligible(target, { cluster: s.agency_cluster, provinceCode: s.agency_province })) skip = "not_eligible";
  return {
    winnerId: s.winner_id,
    sourceNumber: s.number,
    title: s.title,
    agencyName: s.agency_name,
    award,
    groupKey: group?.key ?? null,
    categoryKey: category?.key ?? null,
    copiedSections: answered.filter((k) => sectionKeys.has(k)),
    droppedSections: answered.filter((k) => !sectionKeys.has(k)),
    skip,
    existingNumber: existing.get(s.id) ?? null,
  };
}

type Checked =
  | { ok: false; errors: FieldErr }
  | { ok: true; source: EditionSettings; target: TargetOption; targetSettings: EditionSettings; chosen: Source[] };

async function check(db: DB, actor: Actor, slug: string, input: ForwardInput, now: Date): Promise<Checked> {
  const { settings } = await loadSource(db, actor, slug);
  const errors: FieldErr = {};
  const ids = [...new Set(input.winnerIds.filter((x) => typeof x === "string" && x.length > 0 && x.length <= 64))];
  const targets = await listTargets(db, nowIso(now));
  const target = targets.find((t) => t.slug === input.targetSlug);
  if (!target) errors.targetSlug = "forwarding.errors.chooseEdition";
  const chosen = await loadChosen(db, settings.competitionId, ids);
  if (ids.length === 0) errors.winnerIds = "forwarding.errors.chooseWinners";
  else if (chosen.length !== ids.length) errors.winnerIds = "forwarding.errors.unknownWinner";
  if (errors.targetSlug || errors.winnerIds) return { ok: false, errors };
  const targetSettings = await getEditionSettings(db, target!.id);
  if (!targetSettings) return { ok: false, errors: { targetSlug: "forwarding.errors.chooseEdition" } };
  return { ok: true, source: settings, target: target!, targetSettings, chosen };
}

export type PreviewResult = { ok: true; target: TargetOption; items: PlanItem[]; forwardable: number } | { ok: false; errors: FieldErr };

/** What forwarding would do, writing nothing. 404/403 as for the page. */
export async function previewForward(db: DB, actor: Actor, slug: string, input: ForwardInput, opts: { now?: Date; locale?: Locale } = {}): Promise<PreviewResult> {
  const now = opts.now ?? new Date();
  const c = await check(db, actor, slug, input, now);
  if (!c.ok) return c;
  const existing = await forwardedInto(db, c.targetSettings.competitionId, c.chosen.map((s) => s.id));
  const items = c.chosen.map((s) => planOne(s, c.targetSettings, existing, opts.locale ?? "id"));
  return { ok: true, target: c.target, items, forwardable: items.filter((i) => !i.skip).length };
}

export type ForwardResult =
  | { ok: true; target: TargetOption; created: { sourceNumber: string; number: string }[]; skipped: PlanItem[] }
  | { ok: false; errors: FieldErr };

/**
 * Forward the chosen winners (see the file comment). Returns the numbers
 * created and the winners skipped with their reason. 404/403 as for the page.
 */
export async function forwardWinners(db: DB, actor: Actor, slug: string, input: ForwardInput, opts: { now?: Date; locale?: Locale } = {}): Promise<ForwardResult> {
  const now = opts.now ?? new Date();
  const c = await check(db, actor, slug, input, now);
  if (!c.ok) return c;
  const { source, target, targetSettings: ts, chosen } = c;
  const at = nowIso(now);

  const outcome = await db.transaction().execute(async (trx) => {
    // Lock the target edition's row (PostgreSQL) before the idempotency check.
    await trx.updateTable("competitions").set({ number_counter: sql`number_counter` }).where("id", "=", ts.competitionId).execute();
    const existing = await forwardedInto(trx, ts.competitionId, chosen.map((s) => s.id));
    const plan = chosen.map((s) => ({ s, item: planOne(s, ts, existing, "id") }));
    const todo = plan.filter((p) => !p.item.skip);
    const skipped = plan.filter((p) => p.item.skip).map((p) => p.item);
    const created: { sourceNumber: string; number: string; agencyId: string; award: string }[] = [];
    if (todo.length === 0) return { created, skipped };
    const first = await reserveProposalNumbers(trx, ts.competitionId, todo.length);
    const prefix = ts.numberPrefix || defaultNumberPrefix(ts.name, ts.year);
    for (const [i, { s, item }] of todo.entries()) {
      const id = newId();
      const number = formatProposalNumber(prefix, first + i);
      const group = ts.groups.find((g) => g.key === item.groupKey)!;
      const category = item.categoryKey ? ts.categories.find((x) => x.key === item.categoryKey)! : null;
      await trx
        .insertInto("proposals")
        .values({
          id,
          competition_id: ts.competitionId,
          group_id: group.id,
          category_id: category?.id ?? null,
          agency_id: s.agency_id,
          number,
          title: s.title,
          title_key: normalizeTitle(s.title),
          service_unit: s.service_unit,
          innovator_kind: s.innovator_kind,
          innovator_names: s.innovator_names,
          innovator_decree: s.innovator_decree,
          started_on: s.started_on,
          contact_name: s.contact_name,
          contact_email: s.contact_email,
          contact_phone: s.contact_phone,
          video_url: s.video_url,
          status: "draft",
          version: 1,
          receipt_number: null,
          submitted_at: null,
          submitted_by: null,
          return_note: null,
          external_id: null,
          created_by: actor.userId,
          updated_by: actor.userId,
          created_at: at,
          updated_at: at,
          forwarded_from_proposal_id: s.id,
        })
        .execute();
      const answers = item.copiedSections.map((k) => ({ proposal_id: id, section_key: k, body: s.answers[k] }));
      if (answers.length) await trx.insertInto("proposal_answers").values(answers).execute();
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "proposal.forwarded",
        entityType: "proposal",
        entityId: id,
        organizerId: ts.organizerId,
        competitionId: ts.competitionId,
        agencyId: s.agency_id,
        before: { competitionId: source.competitionId, competition: source.slug, proposalId: s.id, number: s.number, award: s.tier_name_id },
        after: {
          number,
          status: "draft",
          group: group.key,
          category: category?.key ?? null,
          title: s.title,
          sections: item.copiedSections,
          forwardedFromProposalId: s.id,
        },
      });
      await notifyAgencies(trx, {
        agencyIds: [s.agency_id],
        competitionId: ts.competitionId,
        messageKey: "forwarding.notify",
        params: { contest: source.name, award: s.tier_name_id, edition: ts.name, number },
        link: `/proposals/${number}`,
        at,
      });
      created.push({ sourceNumber: s.number, number, agencyId: s.agency_id, award: s.tier_name_id });
    }
    return { created, skipped };
  });

  // Mail each agency's Admin Lokal (after the commit: the drafts exist).
  if (outcome.created.length) {
    const people = await agencyPeople(db, [...new Set(outcome.created.map((x) => x.agencyId))]);
    for (const x of outcome.created) {
      for (const p of people.filter((q) => q.agencyId === x.agencyId && q.role === "admin_lokal")) {
        const t = translator(p.locale === "en" ? "en" : "id");
        const params = { contest: source.name, award: x.award, edition: ts.name, number: x.number };
        await sendMail(db, { to: p.email, subject: t("forwarding.mail.subject", params), text: t("forwarding.mail.body", { ...params, name: p.name }) });
      }
    }
  }
  return { ok: true, target, created: outcome.created.map(({ sourceNumber, number }) => ({ sourceNumber, number })), skipped: outcome.skipped };
}

// ---------------------------------------------------------------------------
// The export for another installation

export interface ForwardCsv {
  filename: string;
  text: string;
}

/**
 * The chosen winners as a proposals-import CSV (UTF-8 with BOM): the import
 * columns, then one column per section key answered by the chosen winners
 * except "ringkasan" (it goes to `summary`). external_id = "<slug>/<number>",
 * so importing the file twice creates nothing twice. Group and category are
 * the contest's keys; the receiving edition must have them (and the section
 * keys). Cells that look like formulas are neutralised as in every export.
 */
export async function exportForwardCsv(db: DB, actor: Actor, slug: string, winnerIds: string[]): Promise<{ ok: true; file: ForwardCsv } | { ok: false; errors: FieldErr }> {
  const { settings } = await loadSource(db, actor, slug);
  const ids = [...new Set(winnerIds.filter((x) => typeof x === "string" && x.length > 0 && x.length <= 64))];
  if (ids.length === 0) return { ok: false, errors: { winnerIds: "forwarding.errors.chooseWinners" } };
  const chosen = await loadChosen(db, settings.competitionId, ids);
  if (chosen.length !== ids.length) return { ok: false, errors: { winnerIds: "forwarding.errors.unknownWinner" } };
  const codes = new Map(
    (await db.selectFrom("agencies").select(["id", "code"]).where("id", "in", [...new Set(chosen.map((s) => s.agency_id))]).execute()).map((a) => [a.id, a.code]),
  );
  const order: string[] = [];
  for (const g of settings.groups) for (const x of g.sections) if (!order.includes(x.key)) order.push(x.key);
  const answered = new Set(chosen.flatMap((s) => Object.keys(s.answers)));
  const sectionKeys = order.filter((k) => k !== SUMMARY_SECTION_KEY && answered.has(k));
  let text = UTF8_BOM + csvLine([...IMPORT_COLUMNS, ...sectionKeys]);
  for (const s of chosen) {
    const row = [
      `${settings.slug}/${s.number}`,
      codes.get(s.agency_id) ?? "",
      s.group_key,
      s.category_key ?? "",
      s.title,
      s.started_on ?? "",
      s.innovator_names,
      s.contact_email,
      s.answers[SUMMARY_SECTION_KEY] ?? "",
      ...sectionKeys.map((k) => s.answers[k] ?? ""),
    ];
    text += csvLine(row.map(spreadsheetSafe));
  }
  return { ok: true, file: { filename: `${settings.slug}-forward.csv`, text } };
}

// ---------------------------------------------------------------------------
// The line on the national draft

/**
 * "Diteruskan dari <contest> (<award>)" for a proposal forwarded from a
 * provincial winner; null otherwise. The caller has already checked that the
 * actor may see the proposal (the contest and award are public results).
 */
export async function forwardedFromOf(db: DB, proposalId: string) {
  const row = await db
    .selectFrom("proposals as p")
    .innerJoin("proposals as src", "src.id", "p.forwarded_from_proposal_id")
    .innerJoin("competitions as c", "c.id", "src.competition_id")
    .leftJoin("winners as w", (j) => j.onRef("w.proposal_id", "=", "src.id").onRef("w.competition_id", "=", "src.competition_id"))
    .leftJoin("award_tiers as t", "t.id", "w.tier_id")
    .select(["c.name as contest", "src.number", "t.name_id", "t.name_en"])
    .where("p.id", "=", proposalId)
    .executeTakeFirst();
  if (!row) return null;
  return { contest: row.contest, number: row.number, awardId: row.name_id ?? null, awardEn: row.name_en ?? null };
}
