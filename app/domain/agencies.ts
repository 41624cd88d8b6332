/**
 * Pure rules of the agency registry: the search key, which clusters an
 * organizer may add, and generated agency codes. No I/O.
 */
import { CLUSTERS, type Cluster, type OrganizerKind } from "./roles";

/**
 * The lower-cased, accent-free form of a text, stored in agencies.name_search
 * so one LIKE works the same on SQLite and PostgreSQL (whose LIKE is
 * case-sensitive). Same rule as the reference-data migration, plus collapsed
 * whitespace (reference names have none to collapse).
 */
export function searchKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The distinct words of a search query, normalised; every one must match. */
export function searchWords(q: string | null | undefined, max = 8): string[] {
  if (!q) return [];
  return [...new Set(searchKey(q).split(" ").filter(Boolean))].slice(0, max);
}

/** Escape LIKE wildcards; queries use `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A display name as stored: trimmed, inner whitespace collapsed. */
export function normalizeAgencyName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** Position of a cluster in the registry's order (unknown clusters last). */
export function clusterRank(cluster: string): number {
  const i = (CLUSTERS as readonly string[]).indexOf(cluster);
  return i === -1 ? CLUSTERS.length : i;
}

export function isCluster(v: unknown): v is Cluster {
  return typeof v === "string" && (CLUSTERS as readonly string[]).includes(v);
}

/**
 * What an organizer may add to the registry: a province its own Perangkat
 * Daerah and BUMD; the national organizer BUMN, lembaga and BUMD (of any
 * province). Ministries, provinces, regencies and cities are reference data.
 */
export function clustersAddableBy(kind: OrganizerKind): Cluster[] {
  return kind === "provincial" ? ["opd", "bumd"] : ["bumn", "lembaga", "bumd"];
}

/** The prefix of generated codes: OPD-61, BUMD-61, BUMN, LEM (as the reference data's LEM-001). */
export function codePrefix(cluster: Cluster, provinceCode: string | null): string {
  switch (cluster) {
    case "opd":
      return `OPD-${provinceCode}`;
    case "bumd":
      return `BUMD-${provinceCode}`;
    case "bumn":
      return "BUMN";
    case "lembaga":
      return "LEM";
    case "kementerian":
      return "KEM";
    case "provinsi":
      return "PROV";
    case "kabupaten":
      return "KAB";
    case "kota":
      return "KOTA";
  }
}

/**
 * The next free code after the numbered codes already using `prefix`
 * ("BUMN-025" → "BUMN-026"); codes with a non-numeric suffix
 * ("OPD-61-DINKES") are ignored. Three digits at least.
 */
export function nextAgencyCode(prefix: string, existing: readonly string[]): string {
  const head = `${prefix}-`.toUpperCase();
  let max = 0;
  for (const code of existing) {
    const upper = code.toUpperCase();
    if (!upper.startsWith(head)) continue;
    const rest = upper.slice(head.length);
    if (/^\d{1,9}$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return `${head}${String(max + 1).padStart(3, "0")}`;
}

/** Codes people type: letters, digits, dots and hyphens, e.g. "OPD-61-DINKES"; stored upper-case. */
export const AGENCY_CODE_PATTERN = /^[A-Z0-9](?:[A-Z0-9.-]{0,38}[A-Z0-9])?$/;

export function normalizeAgencyCode(code: string): string {
  return code.trim().toUpperCase();
}
