/**
 * The agency registry's use cases: browse and read (any signed-in person) and
 * add an agency (organizer admins, within what their organizer may add).
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import {
  AGENCY_CODE_PATTERN,
  clustersAddableBy,
  codePrefix,
  nextAgencyCode,
  normalizeAgencyCode,
  normalizeAgencyName,
} from "~/domain/agencies";
import { can } from "~/domain/permissions";
import { ORGANIZER_ADDABLE_CLUSTERS, type Actor, type Cluster } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import {
  agencyCodesWithPrefix,
  agencyCodeTaken,
  agencyNameTaken,
  findAgency,
  findProvince,
  findProvinceAgency,
  insertAgency,
  listChildren,
  listProvinces,
  searchAgencies,
  type AgencySearch,
} from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { findOrganizer, organizersByIds } from "~/models/organizers.server";

/**
 * The registry page: one page of matching agencies, the province list for the
 * filter, and the organizers the actor may add agencies for.
 */
export async function browseRegistry(db: DB, actor: Actor, search: AgencySearch) {
  const adminOf = actor.memberships
    .filter((m) => m.role === "organizer_admin" && m.organizerId)
    .map((m) => m.organizerId as string);
  const [result, provinces, organizers] = await Promise.all([
    searchAgencies(db, search),
    listProvinces(db),
    organizersByIds(db, [...new Set(adminOf)]),
  ]);
  return {
    ...result,
    provinces,
    addFor: organizers.filter((o) => can(actor, "agency.create", { type: "organizer", id: o.id })),
  };
}

/** One agency with the agencies under it; null when unknown. */
export async function getAgencyDetail(db: DB, id: string) {
  const agency = await findAgency(db, id);
  if (!agency) return null;
  const children = await listChildren(db, id);
  return { agency, children };
}

/** What the "add an agency" form needs; 403 unless the actor administers the organizer. */
export async function getNewAgencyForm(db: DB, actor: Actor, organizerId: string) {
  assertCan(actor, "agency.create", { type: "organizer", id: organizerId });
  const organizer = await findOrganizer(db, organizerId);
  if (!organizer) notFound();
  const [provinces, homeProvince] = await Promise.all([
    organizer.kind === "national" ? listProvinces(db) : Promise.resolve([]),
    organizer.province_code ? findProvinceAgency(db, organizer.province_code) : Promise.resolve(undefined),
  ]);
  return {
    organizer,
    clusters: clustersAddableBy(organizer.kind),
    provinces,
    /** A provincial organizer's own government, the parent of the OPD it adds. */
    homeProvince: homeProvince ?? null,
  };
}

export interface NewAgencyInput {
  cluster: string;
  name: string;
  /** Optional; generated (OPD-61-001, BUMN-026 …) when empty. */
  code?: string | null;
  /** Required for a BUMD of a national organizer; a provincial organizer's own province otherwise. */
  provinceCode?: string | null;
}

export type CreateAgencyResult = { ok: true; id: string; code: string } | { ok: false; errors: FieldErrors };

/**
 * An organizer admin adds an agency to the registry.
 * A provincial organizer adds OPD (under its province's government) and BUMD
 * of its own province; the national organizer adds BUMN, lembaga and BUMD of
 * a chosen province. Names are unique within the province (or among national
 * agencies); codes are unique and generated when not given.
 * Side effects: one agencies row and one audit row ("agency.created"), in one transaction.
 * Throws 403 unless the actor is an admin of the organizer, 404 for an unknown organizer.
 */
export async function createAgency(
  db: DB,
  actor: Actor,
  organizerId: string,
  input: NewAgencyInput,
): Promise<CreateAgencyResult> {
  assertCan(actor, "agency.create", { type: "organizer", id: organizerId });

  return db.transaction().execute(async (trx): Promise<CreateAgencyResult> => {
    const organizer = await findOrganizer(trx, organizerId);
    if (!organizer) notFound();
    const errors: FieldErrors = {};

    const allowed = clustersAddableBy(organizer.kind);
    const cluster = (ORGANIZER_ADDABLE_CLUSTERS as readonly string[]).includes(input.cluster)
      ? (input.cluster as Cluster)
      : null;
    if (!cluster || !allowed.includes(cluster)) errors.cluster = "agencies.errors.clusterNotAllowed";

    const requested = input.provinceCode?.trim() || null;
    let provinceCode: string | null = null;
    if (organizer.kind === "provincial") {
      provinceCode = organizer.province_code;
      if (requested && requested !== provinceCode) errors.provinceCode = "agencies.errors.otherProvince";
    } else if (cluster === "bumd") {
      if (!requested || !(await findProvince(trx, requested))) errors.provinceCode = "errors.unknownProvince";
      else provinceCode = requested;
    }

    const name = normalizeAgencyName(input.name ?? "");
    if (!name) errors.name = "errors.required";
    else if (name.length > 200) errors.name = "errors.tooLong";

    const given = input.code ? normalizeAgencyCode(input.code) : "";
    if (given && !AGENCY_CODE_PATTERN.test(given)) errors.code = "agencies.errors.codeFormat";

    if (Object.keys(errors).length > 0 || !cluster) return { ok: false, errors };

    if (await agencyNameTaken(trx, name, provinceCode)) errors.name = "errors.nameTaken";
    if (given && (await agencyCodeTaken(trx, given))) errors.code = "agencies.errors.codeTaken";
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    let parentId: string | null = null;
    if (cluster === "opd") {
      const province = await findProvinceAgency(trx, provinceCode as string);
      if (!province) throw new Error(`No agency for province ${provinceCode}`);
      parentId = province.id;
    }

    const prefix = codePrefix(cluster, provinceCode);
    const code = given || nextAgencyCode(prefix, await agencyCodesWithPrefix(trx, prefix));
    const id = await insertAgency(trx, { code, name, cluster, provinceCode, parentId, organizerId });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "agency.created",
      entityType: "agency",
      entityId: id,
      organizerId,
      agencyId: id,
      after: { code, name, cluster, province_code: provinceCode, parent_id: parentId, organizer_id: organizerId },
    });
    return { ok: true, id, code };
  });
}
