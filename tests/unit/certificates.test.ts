import { describe, expect, it } from "vitest";
import {
  certificateCodeFromBytes,
  CROCKFORD_ALPHABET,
  isCanonicalCode,
  newCertificateCode,
  normalizeCertificateCode,
  planCertificates,
} from "~/domain/certificates";

describe("certificate codes", () => {
  it("uses the 32 Crockford symbols, without I, L, O, U", () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    for (const ch of "ILOU") expect(CROCKFORD_ALPHABET.includes(ch)).toBe(false);
  });

  it("encodes the first 60 bits of 8 bytes as XXXX-XXXX-XXXX", () => {
    expect(certificateCodeFromBytes(new Uint8Array(8))).toBe("0000-0000-0000");
    expect(certificateCodeFromBytes(new Uint8Array(8).fill(0xff))).toBe("ZZZZ-ZZZZ-ZZZZ");
    // The last 4 bits are dropped: 0x...0F gives the same code as 0x...00.
    expect(certificateCodeFromBytes(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0x0f]))).toBe("0000-0000-0000");
    // 0x...10 is the lowest bit kept → the last symbol is 1.
    expect(certificateCodeFromBytes(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0x10]))).toBe("0000-0000-0001");
    // Top 5 bits 10000 → "G" (index 16), the rest zero.
    expect(certificateCodeFromBytes(Uint8Array.from([0x80, 0, 0, 0, 0, 0, 0, 0]))).toBe("G000-0000-0000");
    expect(certificateCodeFromBytes(Uint8Array.from([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]))).toBe("04HM-ASW9-NF6Y");
  });

  it("refuses fewer than 8 bytes", () => {
    expect(() => certificateCodeFromBytes(new Uint8Array(7))).toThrow();
  });

  it("makes canonical, distinct random codes", () => {
    const codes = Array.from({ length: 500 }, () => newCertificateCode());
    expect(codes.every(isCanonicalCode)).toBe(true);
    expect(new Set(codes).size).toBe(500);
    expect(newCertificateCode(() => new Uint8Array(8).fill(0xff))).toBe("ZZZZ-ZZZZ-ZZZZ");
  });

  it("normalises typed codes: case, spaces, dashes, O→0, I/L→1", () => {
    expect(normalizeCertificateCode("028T-5CY4-PQKW")).toBe("028T-5CY4-PQKW");
    expect(normalizeCertificateCode("  o28t 5cy4 pqkw ")).toBe("028T-5CY4-PQKW");
    expect(normalizeCertificateCode("028t5cy4pqkw")).toBe("028T-5CY4-PQKW");
    expect(normalizeCertificateCode("ABCD–EFGH–JKMN")).toBe("ABCD-EFGH-JKMN");
    expect(normalizeCertificateCode("iIlL-oO00-1111")).toBe("1111-0000-1111");
    expect(normalizeCertificateCode("abcd.efgh_jkmn")).toBe("ABCD-EFGH-JKMN");
  });

  it("takes the code out of a pasted verification URL", () => {
    expect(normalizeCertificateCode("https://sayembara.example/verify/028T-5CY4-PQKW")).toBe("028T-5CY4-PQKW");
    expect(normalizeCertificateCode("https://sayembara.example/verify/028t-5cy4-pqkw/?x=1#top")).toBe("028T-5CY4-PQKW");
  });

  it("rejects what cannot be a code", () => {
    expect(normalizeCertificateCode("")).toBeNull();
    expect(normalizeCertificateCode(null)).toBeNull();
    expect(normalizeCertificateCode("ABCD-EFGH-JKM")).toBeNull(); // 11 symbols
    expect(normalizeCertificateCode("ABCD-EFGH-JKMNP")).toBeNull(); // 13 symbols
    expect(normalizeCertificateCode("ABCD-EFGH-JKMU")).toBeNull(); // U is never valid
    expect(normalizeCertificateCode("ABCD-EFGH-JK*N")).toBeNull();
    expect(normalizeCertificateCode("ABCD-EFGH-JKÑN")).toBeNull();
    expect(normalizeCertificateCode("%E0%A4%A")).toBeNull();
    expect(normalizeCertificateCode("A".repeat(201))).toBeNull();
  });

  it("tells canonical codes apart", () => {
    expect(isCanonicalCode("028T-5CY4-PQKW")).toBe(true);
    expect(isCanonicalCode("028t-5cy4-pqkw")).toBe(false);
    expect(isCanonicalCode("028T5CY4PQKW")).toBe(false);
    expect(isCanonicalCode("0I8T-5CY4-PQKW")).toBe(false);
  });
});

describe("planCertificates", () => {
  const w = (proposalId: string, tierId: string | null) => ({ proposalId, tierId });
  const held = (proposalId: string, tierId: string | null) => ({ proposalId, tierId, certificateId: `c-${proposalId}` });

  it("issues one per winner when none is held", () => {
    expect(planCertificates([w("a", "t1"), w("b", "t2")], [])).toEqual({ issue: [w("a", "t1"), w("b", "t2")], revoke: [], keep: [] });
  });

  it("is idempotent: held certificates of the same tier are kept", () => {
    expect(planCertificates([w("a", "t1"), w("b", "t2")], [held("a", "t1"), held("b", "t2")])).toEqual({
      issue: [],
      revoke: [],
      keep: ["a", "b"],
    });
  });

  it("revokes those no longer winners and re-issues a changed tier", () => {
    expect(planCertificates([w("a", "t2"), w("c", "t1")], [held("a", "t1"), held("b", "t1")])).toEqual({
      issue: [w("a", "t2"), w("c", "t1")],
      revoke: [
        { certificateId: "c-a", proposalId: "a", reason: "tierChanged" },
        { certificateId: "c-b", proposalId: "b", reason: "notWinner" },
      ],
      keep: [],
    });
  });

  it("revokes everything when the list is empty", () => {
    expect(planCertificates([], [held("a", "t1")])).toEqual({
      issue: [],
      revoke: [{ certificateId: "c-a", proposalId: "a", reason: "notWinner" }],
      keep: [],
    });
  });
});
