/**
 * Certificate verification codes (pure): "XXXX-XXXX-XXXX" in Crockford
 * base32 (digits and capitals without I, L, O, U), 12 symbols = 60 random
 * bits, so a code cannot be guessed. People copy codes from paper, so typed
 * codes are normalised: case, spaces and dashes ignored, O read as 0 and
 * I/L as 1 (the letters Crockford leaves out because they look like digits).
 */

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_SYMBOLS = 12;
const CODE_BYTES = 8; // 64 bits drawn, the first 60 used

/** A code from 8 random bytes (the first 60 bits). Throws on fewer bytes. */
export function certificateCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_BYTES) throw new Error(`certificate code needs ${CODE_BYTES} random bytes`);
  let bits = 0n;
  for (let i = 0; i < CODE_BYTES; i++) bits = (bits << 8n) | BigInt(bytes[i]);
  bits >>= 4n; // 64 → 60 bits
  let symbols = "";
  for (let i = CODE_SYMBOLS - 1; i >= 0; i--) {
    symbols += CROCKFORD_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  }
  return formatCode(symbols);
}

/** A fresh random code (Web Crypto, available in Node and browsers). */
export function newCertificateCode(random: (n: number) => Uint8Array = randomBytes): string {
  return certificateCodeFromBytes(random(CODE_BYTES));
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function formatCode(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/**
 * A typed or scanned code in its canonical form "XXXX-XXXX-XXXX", or null
 * when it cannot be one. Accepts lower case, spaces, dashes, dots and
 * underscores anywhere, O for 0, I/L for 1, and a pasted verification URL
 * (the last path segment is taken). U is never valid.
 */
export function normalizeCertificateCode(input: string | null | undefined): string | null {
  if (typeof input !== "string") return null;
  let text = input.trim();
  if (text.length === 0 || text.length > 200) return null;
  if (text.includes("/")) text = text.replace(/[?#].*$/, "").replace(/\/+$/, "").split("/").pop() ?? "";
  try {
    text = decodeURIComponent(text);
  } catch {
    return null;
  }
  const symbols = text
    .toUpperCase()
    .replace(/[\s\-_.\u2010-\u2015]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (symbols.length !== CODE_SYMBOLS) return null;
  for (const ch of symbols) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return formatCode(symbols);
}

/** Whether a string is already a canonical code (what the database stores). */
export function isCanonicalCode(code: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(code);
}

export interface CertificateHolding {
  proposalId: string;
  tierId: string | null;
  certificateId: string;
}

export interface CertificateWinner {
  proposalId: string;
  tierId: string | null;
}

export interface IssuePlan<W extends CertificateWinner> {
  /** Winners without an active certificate (or whose tier changed): issue one. */
  issue: W[];
  /** Active certificates to revoke: no longer a winner, or the tier changed. */
  revoke: { certificateId: string; proposalId: string; reason: "notWinner" | "tierChanged" }[];
  /** Winners whose active certificate stays as it is (idempotence). */
  keep: string[];
}

/**
 * What issuing certificates for a winners list does, given the active
 * certificates of the edition: one active certificate per proposal, matching
 * its current tier. Winners keep their order.
 */
export function planCertificates<W extends CertificateWinner>(winners: W[], active: CertificateHolding[]): IssuePlan<W> {
  const byProposal = new Map(active.map((c) => [c.proposalId, c]));
  const winnerIds = new Set(winners.map((w) => w.proposalId));
  const plan: IssuePlan<W> = { issue: [], revoke: [], keep: [] };
  for (const w of winners) {
    const held = byProposal.get(w.proposalId);
    if (!held) plan.issue.push(w);
    else if (held.tierId !== w.tierId) {
      plan.revoke.push({ certificateId: held.certificateId, proposalId: w.proposalId, reason: "tierChanged" });
      plan.issue.push(w);
    } else plan.keep.push(w.proposalId);
  }
  for (const c of active) {
    if (!winnerIds.has(c.proposalId)) plan.revoke.push({ certificateId: c.certificateId, proposalId: c.proposalId, reason: "notWinner" });
  }
  return plan;
}
