/**
 * The demo's scores for KIPP 2025's desk round "Penilaian Proposal": the
 * proposal rubric of DOMAIN.md (seven aspects, 0–100, weighted to 100), the
 * 2025 pass grade of 85 on the normalized score, and submitted score sheets
 * from six evaluators with their own severity (one harsh, one lenient), so the
 * results table shows why normalisation matters. The round stays open:
 * evaluator1@juri.test has not started, so a newcomer can score as them.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { prng } from "./innovations";

const LEVELS = JSON.stringify([
  { score: 20, id: "Sangat kurang: tidak dijelaskan atau tidak relevan", en: "Very poor: not explained or not relevant" },
  { score: 40, id: "Kurang: dijelaskan sebagian tanpa bukti", en: "Poor: partly explained, no evidence" },
  { score: 60, id: "Cukup: dijelaskan dengan bukti terbatas", en: "Fair: explained with limited evidence" },
  { score: 80, id: "Baik: jelas dan didukung bukti", en: "Good: clear and supported by evidence" },
  { score: 100, id: "Sangat baik: jelas, terukur, dan meyakinkan", en: "Excellent: clear, measured and convincing" },
]);

export const DEMO_CRITERIA = [
  { key: "latar_belakang", id: "Latar belakang & tujuan", en: "Background & objectives", weight: 10 },
  { key: "kebaruan", id: "Kebaruan", en: "Novelty", weight: 15 },
  { key: "implementasi", id: "Implementasi", en: "Implementation", weight: 5 },
  { key: "signifikansi", id: "Signifikansi", en: "Significance", weight: 30 },
  { key: "adaptabilitas", id: "Adaptabilitas", en: "Adaptability", weight: 20 },
  { key: "sumber_daya", id: "Sumber daya", en: "Resources", weight: 5 },
  { key: "keberlanjutan", id: "Keberlanjutan", en: "Sustainability", weight: 15 },
];

/** Each evaluator's severity (points added to every score) and spread. */
const STYLE: Record<string, { offset: number; spread: number }> = {
  "evaluator1@juri.test": { offset: 0, spread: 1 },
  "evaluator2@juri.test": { offset: -9, spread: 0.8 },
  "evaluator3@juri.test": { offset: 7, spread: 0.7 },
  "evaluator4@juri.test": { offset: -3, spread: 1.2 },
  "evaluator5@juri.test": { offset: 2, spread: 1 },
  "evaluator6@juri.test": { offset: 4, spread: 0.9 },
};

const COMMENTS = [
  "Uraian jelas dan didukung data capaian.",
  "Perlu bukti kuantitatif yang lebih kuat.",
  "Relevan dengan masalah layanan di daerahnya.",
  "Potensi replikasi baik, biaya rendah.",
  "Keberlanjutan anggaran belum dijelaskan.",
];

export async function seedDemoScoring(db: DB, ids: { kipp: string }): Promise<void> {
  const round = await db
    .selectFrom("rounds")
    .select(["id"])
    .where("competition_id", "=", ids.kipp)
    .where("position", "=", 1)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("round_criteria")
    .values(
      DEMO_CRITERIA.map((c, i) => ({
        id: newId(),
        round_id: round.id,
        key: c.key,
        name_id: c.id,
        name_en: c.en,
        weight: c.weight,
        scale_min: 0,
        scale_max: 100,
        scale_step: 1,
        levels_json: LEVELS,
        position: i + 1,
      })),
    )
    .execute();
  const openedAt = "2025-07-28T01:00:00.000Z";
  await db
    .updateTable("rounds")
    .set({
      status: "open",
      opened_at: openedAt,
      score_method: "normalized",
      score_visibility: "after_submit",
      advancement_json: JSON.stringify({ kind: "pass_grade", min: 85 }),
      tiebreak_json: JSON.stringify(["criterion:signifikansi", "raw_mean", "submitted_at"]),
    })
    .where("id", "=", round.id)
    .execute();

  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .select(["a.id", "a.juror_id", "a.proposal_id", "j.email", "p.number"])
    .where("a.round_id", "=", round.id)
    .orderBy("p.number")
    .orderBy("j.email")
    .execute();
  // evaluator1's proposals are left for the newcomer to score.
  const pending = new Set(rows.filter((r) => r.email === "evaluator1@juri.test").map((r) => r.id));

  const quality = new Map<string, number>();
  const rand = prng("kipp-2025-scores");
  const gauss = () => {
    const u = Math.max(rand(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  let minute = 0;
  for (const r of rows) {
    if (pending.has(r.id)) continue;
    if (!quality.has(r.proposal_id)) quality.set(r.proposal_id, 80 + 7 * gauss());
    const q = quality.get(r.proposal_id)!;
    const style = STYLE[r.email] ?? { offset: 0, spread: 1 };
    minute += 37;
    const at = new Date(Date.parse(openedAt) + minute * 60_000).toISOString();
    const sheetId = newId();
    await db
      .insertInto("score_sheets")
      .values({
        id: sheetId,
        assignment_id: r.id,
        round_id: round.id,
        juror_id: r.juror_id,
        proposal_id: r.proposal_id,
        status: "submitted",
        overall_comment: COMMENTS[Math.floor(rand() * COMMENTS.length)],
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
        DEMO_CRITERIA.map((c) => {
          const raw = 80 + style.spread * (q - 80) + style.offset + 4 * gauss();
          return {
            sheet_id: sheetId,
            criterion_key: c.key,
            value: Math.max(0, Math.min(100, Math.round(raw))),
            comment: rand() < 0.3 ? COMMENTS[Math.floor(rand() * COMMENTS.length)] : "",
          };
        }),
      )
      .execute();
    await db.updateTable("assignments").set({ opened_at: at, completed_at: at }).where("id", "=", r.id).execute();
  }
}
