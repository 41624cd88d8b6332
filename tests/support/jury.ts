/**
 * Jury fixtures: submitted, screened proposals inserted directly (drafting is
 * tested elsewhere), and re-exports of the shared juror and round builders.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { buildJuror, buildRound } from "../../db/builders";
import type { BuiltEdition } from "./edition";

export { buildJuror, buildRound };

export interface ProposalSpec {
  agencyId: string;
  /** Category of the edition built by buildEdition, or null. */
  category?: "digital" | "kesehatan" | null;
  /** Screening result (default lolos); null = not yet decided. */
  result?: "lolos" | "tidak_lolos" | null;
  title?: string;
  status?: "submitted" | "draft" | "withdrawn";
}

export interface BuiltProposal {
  id: string;
  number: string;
  agencyId: string;
}

/**
 * Proposals of an edition, numbered <prefix>-000001… after any already there,
 * submitted, in group "umum", with their screening decision. Publishes the
 * screening when `publish` (default true).
 */
export async function buildScreenedProposals(
  db: DB,
  edition: BuiltEdition,
  specs: ProposalSpec[],
  opts: { publish?: boolean } = {},
): Promise<BuiltProposal[]> {
  const comp = await db
    .selectFrom("competitions")
    .select(["number_counter"])
    .where("id", "=", edition.competitionId)
    .executeTakeFirstOrThrow();
  let counter = Number(comp.number_counter);
  const now = new Date().toISOString();
  const out: BuiltProposal[] = [];
  for (const s of specs) {
    counter += 1;
    const id = newId();
    const number = `${edition.numberPrefix}-${String(counter).padStart(6, "0")}`;
    const title = s.title ?? `Inovasi ${counter}`;
    const status = s.status ?? "submitted";
    await db
      .insertInto("proposals")
      .values({
        id,
        competition_id: edition.competitionId,
        group_id: edition.groups.umum,
        category_id: s.category === undefined || s.category === "digital" ? edition.categories.digital : s.category === null ? null : edition.categories.kesehatan,
        agency_id: s.agencyId,
        number,
        title,
        title_key: title.toLowerCase(),
        status,
        submitted_at: status === "draft" ? null : now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (status !== "draft") {
      const result = s.result === undefined ? "lolos" : s.result;
      await db
        .insertInto("proposal_screenings")
        .values({ proposal_id: id, result, decided_at: result ? now : null, checked_at: now })
        .execute();
    }
    out.push({ id, number, agencyId: s.agencyId });
  }
  await db
    .updateTable("competitions")
    .set({
      number_counter: counter,
      ...(opts.publish === false ? {} : { screening_published_at: now }),
    })
    .where("id", "=", edition.competitionId)
    .execute();
  return out;
}
