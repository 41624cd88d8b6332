/**
 * Builders shared by the demo seed (scripts/seed-demo.ts) and the test
 * factories (tests/support/factories.ts): one way to make a person with roles,
 * an organizer, a competition with a WIB timeline.
 */
import { hashPassword } from "~/auth/password.server";
import type { DB } from "~/db.server";
import type { OrganizerKind, Role, Stage } from "~/domain/roles";
import { STAGES } from "~/domain/roles";
import { wibLocalToUtcIso } from "~/domain/time";
import { insertCompetition } from "~/models/competitions.server";
import { insertOrganizer } from "~/models/organizers.server";
import { insertMembership, insertUser } from "~/models/users.server";
import { newId } from "~/lib/ids.server";

const hashCache = new Map<string, Promise<string>>();
/** Hash once per distinct password: argon2id is deliberately slow. */
function cachedHash(password: string): Promise<string> {
  let h = hashCache.get(password);
  if (!h) {
    h = hashPassword(password);
    hashCache.set(password, h);
  }
  return h;
}

export interface RoleGrant {
  role: Role;
  organizerId?: string;
  agencyId?: string;
  competitionId?: string;
}

export async function buildUser(
  db: DB,
  u: { email: string; name: string; password?: string | null; platformAdmin?: boolean; locale?: "id" | "en"; roles?: RoleGrant[] },
): Promise<string> {
  const passwordHash = u.password === null ? null : await cachedHash(u.password ?? "demo-sayembara");
  const id = await insertUser(db, {
    email: u.email,
    name: u.name,
    passwordHash,
    isPlatformAdmin: u.platformAdmin,
    locale: u.locale,
  });
  for (const r of u.roles ?? []) {
    await insertMembership(db, {
      userId: id,
      role: r.role,
      organizerId: r.organizerId,
      agencyId: r.agencyId,
      competitionId: r.competitionId,
    });
  }
  return id;
}

export function buildOrganizer(db: DB, o: { name: string; kind: OrganizerKind; provinceCode?: string | null }) {
  return insertOrganizer(db, { name: o.name, kind: o.kind, provinceCode: o.provinceCode ?? null });
}

/** A timeline from WIB strings: { pendaftaran: ["2025-05-01T08:00", "2025-07-31T23:59"] }. */
export type WibTimeline = Partial<Record<Stage, [string | null, string | null]>>;

export function timelineFromWib(t: WibTimeline) {
  return STAGES.map((stage) => {
    const [s, e] = t[stage] ?? [null, null];
    return { stage, startsAt: s ? wibLocalToUtcIso(s) : null, endsAt: e ? wibLocalToUtcIso(e) : null };
  });
}

export function buildCompetition(
  db: DB,
  c: { organizerId: string; name: string; year: number; slug: string; theme?: string; description?: string; timeline?: WibTimeline },
) {
  return insertCompetition(db, {
    organizerId: c.organizerId,
    name: c.name,
    year: c.year,
    slug: c.slug,
    theme: c.theme ?? "",
    description: c.description ?? "",
    timeline: timelineFromWib(c.timeline ?? {}),
  });
}

/** Reference agencies have deterministic ids: ag-<code, lower case>. */
export function agencyId(code: string): string {
  return `ag-${code.toLowerCase()}`;
}

/**
 * A juror in an edition's pool. With `userId` the juror is active and holds
 * the competition membership of their role; without, they are only invited.
 */
export async function buildJuror(
  db: DB,
  j: {
    competitionId: string;
    role?: "evaluator" | "panelist";
    email: string;
    name: string;
    userId?: string | null;
    affiliationAgencyId?: string | null;
    affiliationOther?: string;
    expertise?: string[];
    minLoad?: number;
    maxLoad?: number;
    status?: "invited" | "active" | "declined" | "withdrawn";
  },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const role = j.role ?? "evaluator";
  await db
    .insertInto("jurors")
    .values({
      id,
      competition_id: j.competitionId,
      role,
      email: j.email,
      name: j.name,
      user_id: j.userId ?? null,
      invitation_id: null,
      status: j.status ?? (j.userId ? "active" : "invited"),
      affiliation_agency_id: j.affiliationAgencyId ?? null,
      affiliation_other: j.affiliationOther ?? "",
      min_load: j.minLoad ?? 0,
      max_load: j.maxLoad ?? 100,
      withdrawn_reason: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const categoryId of j.expertise ?? []) {
    await db.insertInto("juror_expertise").values({ juror_id: id, category_id: categoryId }).execute();
  }
  if (j.userId) {
    const held = await db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", j.userId)
      .where("role", "=", role)
      .where("competition_id", "=", j.competitionId)
      .executeTakeFirst();
    if (!held) await insertMembership(db, { userId: j.userId, role, competitionId: j.competitionId });
  }
  return id;
}

/** A round of an edition (the minimal shape the assignment needs). */
export async function buildRound(
  db: DB,
  r: {
    competitionId: string;
    position?: number;
    name?: string;
    kind?: "desk" | "presentation" | "field";
    poolRole?: "evaluator" | "panelist";
    k?: number;
    startsAt?: string | null;
    endsAt?: string | null;
    spreadAffiliations?: boolean;
    seed?: number;
  },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto("rounds")
    .values({
      id,
      competition_id: r.competitionId,
      position: r.position ?? 1,
      name: r.name ?? "Penilaian proposal",
      kind: r.kind ?? "desk",
      pool_role: r.poolRole ?? "evaluator",
      k: r.k ?? 3,
      starts_at: r.startsAt ?? null,
      ends_at: r.endsAt ?? null,
      spread_affiliations: r.spreadAffiliations ? 1 : 0,
      assignment_seed: r.seed ?? 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
