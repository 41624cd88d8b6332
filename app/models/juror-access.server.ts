/**
 * Who may read a proposal as a juror: the users assigned to it in any round
 * of its edition, as active jurors, and not conflicted on it (an active
 * conflict hides the proposal even when an assignment is still there).
 * Services put this list into the proposal resource (`assignedUserIds`) before
 * asking `can(actor, "proposal.view", …)`.
 */
import type { DB } from "~/db.server";

export async function jurorUserIdsFor(db: DB, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .where("a.proposal_id", "=", proposalId)
    .where("j.status", "=", "active")
    .where("j.user_id", "is not", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("conflicts as c")
            .select("c.id")
            .whereRef("c.juror_id", "=", "a.juror_id")
            .whereRef("c.proposal_id", "=", "a.proposal_id")
            .where("c.status", "=", "active"),
        ),
      ),
    )
    .select("j.user_id")
    .distinct()
    .execute();
  return rows.map((r) => r.user_id as string).sort();
}
