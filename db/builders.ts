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
