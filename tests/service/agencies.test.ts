import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import {
  findAgency,
  isAgencyInProvince,
  listChildren,
  listProvinces,
  searchAgencies,
} from "~/models/agencies.server";
import { browseRegistry, createAgency, getNewAgencyForm, type NewAgencyInput } from "~/services/agencies.server";
import { useTestDb } from "../support/db";
import { actorOf, agencyId, buildWorld, type World } from "../support/factories";

async function statusOf(p: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await p;
    return "resolved";
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

async function auditRows(db: DB) {
  return db
    .selectFrom("audit_log")
    .select(["action", "entity_type", "entity_id", "organizer_id", "agency_id", "actor_user_id", "after_json"])
    .where("action", "=", "agency.created")
    .execute();
}

async function addedAgencies(db: DB) {
  return db
    .selectFrom("agencies")
    .select(["code", "name", "name_search", "cluster", "province_code", "regency_code", "parent_id", "organizer_id"])
    .where("organizer_id", "is not", null)
    .orderBy("code")
    .execute();
}

describe("agency reference data", () => {
  const t = useTestDb();

  it("holds 38 provinces, 416 regencies and 98 cities, each under its province", async () => {
    const counts = await t.db
      .selectFrom("agencies")
      .select((eb) => ["cluster", eb.fn.countAll<number>().as("n")])
      .groupBy("cluster")
      .orderBy("cluster")
      .execute();
    expect(counts.map((c) => [c.cluster, Number(c.n)])).toEqual([
      ["bumn", 25],
      ["kabupaten", 416],
      ["kementerian", 48],
      ["kota", 98],
      ["lembaga", 34],
      ["provinsi", 38],
    ]);
    const regions = await t.db
      .selectFrom("regions")
      .select((eb) => ["level", eb.fn.countAll<number>().as("n")])
      .groupBy("level")
      .orderBy("level")
      .execute();
    expect(regions.map((r) => [r.level, Number(r.n)])).toEqual([
      ["province", 38],
      ["regency", 514],
    ]);
    const orphans = await t.db
      .selectFrom("agencies")
      .leftJoin("agencies as parent", "parent.id", "agencies.parent_id")
      .select("agencies.code")
      .where("agencies.cluster", "in", ["kabupaten", "kota"])
      .where((eb) => eb.or([eb("parent.cluster", "is", null), eb("parent.province_code", "!=", eb.ref("agencies.province_code"))]))
      .execute();
    expect(orphans).toEqual([]);
    expect((await listProvinces(t.db)).length).toBe(38);
  });

  it("puts Kota Pontianak under the government of Kalimantan Barat", async () => {
    const a = await findAgency(t.db, agencyId("KOTA-61.71"));
    expect(a).toMatchObject({
      code: "KOTA-61.71",
      name: "Pemerintah Kota Pontianak",
      cluster: "kota",
      province_code: "61",
      regency_code: "61.71",
      province_name: "Kalimantan Barat",
      regency_name: "Kota Pontianak",
      parent_id: agencyId("PROV-61"),
      parent_name: "Pemerintah Provinsi Kalimantan Barat",
      organizer_id: null,
      organizer_name: null,
    });
    expect(await findAgency(t.db, "no-such-agency")).toBeUndefined();
  });

  it("lists a province's regencies and cities in registry order", async () => {
    const children = await listChildren(t.db, agencyId("PROV-61"));
    expect(children.map((c) => c.code)).toEqual([
      "KAB-61.07", // Bengkayang
      "KAB-61.06", // Kapuas Hulu
      "KAB-61.11", // Kayong Utara
      "KAB-61.04", // Ketapang
      "KAB-61.12", // Kubu Raya
      "KAB-61.08", // Landak
      "KAB-61.10", // Melawi
      "KAB-61.02", // Mempawah
      "KAB-61.01", // Sambas
      "KAB-61.03", // Sanggau
      "KAB-61.09", // Sekadau
      "KAB-61.05", // Sintang
      "KOTA-61.71",
      "KOTA-61.72",
    ]);
    expect(await listChildren(t.db, agencyId("KOTA-61.71"))).toEqual([]);
  });

  it("tells whether an agency is in a province", async () => {
    expect(await isAgencyInProvince(t.db, agencyId("KOTA-61.71"), "61")).toBe(true);
    expect(await isAgencyInProvince(t.db, agencyId("PROV-61"), "61")).toBe(true);
    expect(await isAgencyInProvince(t.db, agencyId("KOTA-61.71"), "64")).toBe(false);
    expect(await isAgencyInProvince(t.db, agencyId("KEM-001"), "61")).toBe(false);
    expect(await isAgencyInProvince(t.db, "no-such-agency", "61")).toBe(false);
  });
});

describe("searchAgencies", () => {
  const t = useTestDb();

  it("finds exactly Kota Pontianak for 'pontianak', whatever the case or accents", async () => {
    for (const q of ["pontianak", "PONTIANAK", "  Pontiának ", "kota pontianak", "pontianak pemerintah"]) {
      const r = await searchAgencies(t.db, { q });
      expect(r.total, q).toBe(1);
      expect(r.rows.map((a) => [a.code, a.name, a.province_name, a.parent_name]), q).toEqual([
        ["KOTA-61.71", "Pemerintah Kota Pontianak", "Kalimantan Barat", "Pemerintah Provinsi Kalimantan Barat"],
      ]);
    }
    expect((await searchAgencies(t.db, { q: "kabupaten pontianak" })).total).toBe(0);
  });

  it("matches codes and treats LIKE wildcards as text", async () => {
    expect((await searchAgencies(t.db, { q: "61.71" })).rows.map((a) => a.code)).toEqual(["KOTA-61.71"]);
    expect((await searchAgencies(t.db, { q: "kota-61.7" })).rows.map((a) => a.code)).toEqual(["KOTA-61.71", "KOTA-61.72"]);
    expect((await searchAgencies(t.db, { q: "%" })).total).toBe(0);
    expect((await searchAgencies(t.db, { q: "kota_pontianak" })).total).toBe(0);
  });

  it("filters by cluster and province, provinces first, then regencies, then cities", async () => {
    const kalbar = await searchAgencies(t.db, { provinceCode: "61" });
    expect(kalbar.total).toBe(15);
    expect(kalbar.rows.map((a) => a.cluster)).toEqual(["provinsi", ...Array(12).fill("kabupaten"), "kota", "kota"]);
    const cities = await searchAgencies(t.db, { cluster: "kota", provinceCode: "61" });
    expect(cities.rows.map((a) => a.name)).toEqual(["Pemerintah Kota Pontianak", "Pemerintah Kota Singkawang"]);
    expect(cities.total).toBe(2);
    const ministries = await searchAgencies(t.db, { cluster: "kementerian", q: "keuangan" });
    expect(ministries.rows.map((a) => a.name)).toEqual(["Kementerian Keuangan"]);
  });

  it("pages 50 at a time with the right totals and no overlap", async () => {
    const first = await searchAgencies(t.db, { cluster: "kabupaten" });
    expect([first.total, first.page, first.pageSize, first.pageCount, first.rows.length]).toEqual([416, 1, 50, 9, 50]);
    const last = await searchAgencies(t.db, { cluster: "kabupaten", page: 9 });
    expect([last.total, last.page, last.rows.length]).toEqual([416, 9, 16]);
    const second = await searchAgencies(t.db, { cluster: "kabupaten", page: 2 });
    const ids = new Set(first.rows.map((r) => r.id));
    expect(second.rows.filter((r) => ids.has(r.id))).toEqual([]);
    const beyond = await searchAgencies(t.db, { cluster: "kabupaten", page: 10 });
    expect([beyond.total, beyond.rows.length]).toEqual([416, 0]);

    const all = await searchAgencies(t.db, {});
    expect(all.total).toBe(38 + 514 + 48 + 34 + 25);
    expect(all.rows[0]).toMatchObject({ cluster: "kementerian", name: "Kementerian Agama" });
  });

  it("gives the registry page the organizers the actor may add agencies for", async () => {
    const w = await buildWorld(t.db);
    const asKalbar = await browseRegistry(t.db, await actorOf(t.db, w.users.kalbarAdmin), { q: "singkawang" });
    expect(asKalbar.addFor.map((o) => o.id)).toEqual([w.organizers.kalbar]);
    expect(asKalbar.rows.map((r) => r.code)).toEqual(["KOTA-61.72"]);
    expect(asKalbar.provinces.length).toBe(38);
    const asAdminLokal = await browseRegistry(t.db, await actorOf(t.db, w.users.adminLokal), {});
    expect(asAdminLokal.addFor).toEqual([]);
    const asPlatform = await browseRegistry(t.db, await actorOf(t.db, w.users.platformAdmin), {});
    expect(asPlatform.addFor).toEqual([]);
  });
});

describe("createAgency", () => {
  const t = useTestDb();

  const opd = (name: string, extra: Partial<NewAgencyInput> = {}): NewAgencyInput => ({ cluster: "opd", name, ...extra });

  async function kalbarAdmin(w: World) {
    return actorOf(t.db, w.users.kalbarAdmin);
  }

  it("lets the Kalbar admin add an OPD under its province, with one audit row", async () => {
    const w = await buildWorld(t.db);
    const r = await createAgency(t.db, await kalbarAdmin(w), w.organizers.kalbar, opd("  Dinas Kesehatan  Provinsi Kalimantan Barat "));
    expect(r).toEqual({ ok: true, id: expect.any(String), code: "OPD-61-001" });
    if (!r.ok) return;
    expect(await addedAgencies(t.db)).toEqual([
      {
        code: "OPD-61-001",
        name: "Dinas Kesehatan Provinsi Kalimantan Barat",
        name_search: "dinas kesehatan provinsi kalimantan barat",
        cluster: "opd",
        province_code: "61",
        regency_code: null,
        parent_id: agencyId("PROV-61"),
        organizer_id: w.organizers.kalbar,
      },
    ]);
    const audit = await auditRows(t.db);
    expect(audit).toEqual([
      {
        action: "agency.created",
        entity_type: "agency",
        entity_id: r.id,
        organizer_id: w.organizers.kalbar,
        agency_id: r.id,
        actor_user_id: w.users.kalbarAdmin,
        after_json: expect.any(String),
      },
    ]);
    expect(JSON.parse(audit[0].after_json ?? "null")).toEqual({
      code: "OPD-61-001",
      name: "Dinas Kesehatan Provinsi Kalimantan Barat",
      cluster: "opd",
      province_code: "61",
      parent_id: agencyId("PROV-61"),
      organizer_id: w.organizers.kalbar,
    });

    const detail = await findAgency(t.db, r.id);
    expect([detail?.organizer_name, detail?.province_name, detail?.parent_name]).toEqual([
      "Pemerintah Provinsi Kalimantan Barat",
      "Kalimantan Barat",
      "Pemerintah Provinsi Kalimantan Barat",
    ]);
    // The province now lists it after its regencies and cities.
    const children = await listChildren(t.db, agencyId("PROV-61"));
    expect(children.length).toBe(15);
    expect(children[14]).toMatchObject({ id: r.id, cluster: "opd" });
  });

  it("numbers generated codes and keeps a given code, upper-cased", async () => {
    const w = await buildWorld(t.db);
    const admin = await kalbarAdmin(w);
    const a = await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Kesehatan Provinsi Kalimantan Barat"));
    const b = await createAgency(t.db, admin, w.organizers.kalbar, opd("Badan Pendapatan Daerah", { code: " opd-61-bapenda " }));
    const c = await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Pendidikan dan Kebudayaan"));
    const d = await createAgency(t.db, admin, w.organizers.kalbar, { cluster: "bumd", name: "PT Bank Kalbar" });
    expect([a, b, c, d].map((x) => x.ok && x.code)).toEqual(["OPD-61-001", "OPD-61-BAPENDA", "OPD-61-002", "BUMD-61-001"]);
    expect((await findAgency(t.db, d.ok ? d.id : ""))?.parent_id).toBeNull();

    const taken = await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Sosial", { code: "OPD-61-bapenda" }));
    expect(taken).toEqual({ ok: false, errors: { code: "agencies.errors.codeTaken" } });
    const reference = await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Sosial", { code: "kota-61.71" }));
    expect(reference).toEqual({ ok: false, errors: { code: "agencies.errors.codeTaken" } });
    const badFormat = await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Sosial", { code: "OPD 61" }));
    expect(badFormat).toEqual({ ok: false, errors: { code: "agencies.errors.codeFormat" } });
    expect((await auditRows(t.db)).length).toBe(4);
  });

  it("lets the national organizer add BUMN, lembaga and a BUMD of a chosen province", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const bumn = await createAgency(t.db, admin, w.organizers.panrb, { cluster: "bumn", name: "PT Biro Klasifikasi Indonesia (Persero)", provinceCode: "61" });
    const lembaga = await createAgency(t.db, admin, w.organizers.panrb, { cluster: "lembaga", name: "Otorita Ibu Kota Nusantara" });
    const bumd = await createAgency(t.db, admin, w.organizers.panrb, { cluster: "bumd", name: "PT Bank Kaltimtara", provinceCode: "64" });
    expect([bumn, lembaga, bumd].map((x) => x.ok && x.code)).toEqual(["BUMN-026", "LEM-035", "BUMD-64-001"]);
    expect((await addedAgencies(t.db)).map((a) => [a.code, a.cluster, a.province_code, a.parent_id, a.organizer_id])).toEqual([
      ["BUMD-64-001", "bumd", "64", null, w.organizers.panrb],
      ["BUMN-026", "bumn", null, null, w.organizers.panrb],
      ["LEM-035", "lembaga", null, null, w.organizers.panrb],
    ]);
    expect((await auditRows(t.db)).map((a) => a.organizer_id)).toEqual([w.organizers.panrb, w.organizers.panrb, w.organizers.panrb]);

    expect(await createAgency(t.db, admin, w.organizers.panrb, { cluster: "bumd", name: "PT Bank Jatim" })).toEqual({
      ok: false,
      errors: { provinceCode: "errors.unknownProvince" },
    });
    expect(await createAgency(t.db, admin, w.organizers.panrb, { cluster: "bumd", name: "PT Bank Jatim", provinceCode: "99" })).toEqual({
      ok: false,
      errors: { provinceCode: "errors.unknownProvince" },
    });
    expect(await createAgency(t.db, admin, w.organizers.panrb, opd("Dinas Kesehatan", { provinceCode: "61" }))).toEqual({
      ok: false,
      errors: { cluster: "agencies.errors.clusterNotAllowed" },
    });
    expect(await createAgency(t.db, admin, w.organizers.panrb, { cluster: "kementerian", name: "Kementerian Baru" })).toEqual({
      ok: false,
      errors: { cluster: "agencies.errors.clusterNotAllowed" },
    });
  });

  it("keeps a provincial organizer to OPD and BUMD of its own province", async () => {
    const w = await buildWorld(t.db);
    const admin = await kalbarAdmin(w);
    expect(await createAgency(t.db, admin, w.organizers.kalbar, { cluster: "bumn", name: "PT Kalbar Persero" })).toEqual({
      ok: false,
      errors: { cluster: "agencies.errors.clusterNotAllowed" },
    });
    expect(await createAgency(t.db, admin, w.organizers.kalbar, { cluster: "lembaga", name: "Badan Kalbar" })).toEqual({
      ok: false,
      errors: { cluster: "agencies.errors.clusterNotAllowed" },
    });
    expect(await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Kesehatan Provinsi Kalimantan Timur", { provinceCode: "64" }))).toEqual({
      ok: false,
      errors: { provinceCode: "agencies.errors.otherProvince" },
    });
    expect(await createAgency(t.db, admin, w.organizers.kalbar, { cluster: "bumd", name: "PT Bank Kaltimtara", provinceCode: "64" })).toEqual({
      ok: false,
      errors: { provinceCode: "agencies.errors.otherProvince" },
    });
    expect(await addedAgencies(t.db)).toEqual([]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("refuses a name already used in the same province, whatever the case or spacing", async () => {
    const w = await buildWorld(t.db);
    const admin = await kalbarAdmin(w);
    const first = await createAgency(t.db, admin, w.organizers.kalbar, opd("Dinas Kesehatan Provinsi Kalimantan Barat"));
    expect(first.ok).toBe(true);
    const again = await createAgency(t.db, admin, w.organizers.kalbar, opd("dinas kesehatan  PROVINSI kalimantan barat"));
    expect(again).toEqual({ ok: false, errors: { name: "errors.nameTaken" } });
    const asBumd = await createAgency(t.db, admin, w.organizers.kalbar, { cluster: "bumd", name: "Dinas Kesehatan Provinsi Kalimantan Barat" });
    expect(asBumd).toEqual({ ok: false, errors: { name: "errors.nameTaken" } });
    const reference = await createAgency(t.db, admin, w.organizers.kalbar, opd("Pemerintah Kota Pontianak"));
    expect(reference).toEqual({ ok: false, errors: { name: "errors.nameTaken" } });
    expect(await createAgency(t.db, admin, w.organizers.kalbar, opd("   "))).toEqual({ ok: false, errors: { name: "errors.required" } });

    // The same name in another province is another agency.
    const panrb = await actorOf(t.db, w.users.panrbAdmin);
    const elsewhere = await createAgency(t.db, panrb, w.organizers.panrb, { cluster: "bumd", name: "Dinas Kesehatan Provinsi Kalimantan Barat", provinceCode: "64" });
    expect(elsewhere.ok).toBe(true);
    // A national agency may not take a ministry's name.
    expect(await createAgency(t.db, panrb, w.organizers.panrb, { cluster: "lembaga", name: "KEMENTERIAN KEUANGAN" })).toEqual({
      ok: false,
      errors: { name: "errors.nameTaken" },
    });
    expect((await auditRows(t.db)).map((a) => a.organizer_id)).toEqual([w.organizers.kalbar, w.organizers.panrb]);
  });

  it("makes added agencies searchable, accent- and case-insensitively", async () => {
    const w = await buildWorld(t.db);
    const r = await createAgency(t.db, await kalbarAdmin(w), w.organizers.kalbar, opd("Dinas Pariwisata dan Ekonomi Kréatif Provinsi Kalimantan Barat"));
    for (const q of ["kreatif kalimantan", "KRÉATIF barat", "pariwisata kalimantan barat", "opd-61-001"]) {
      const found = await searchAgencies(t.db, { q });
      expect(found.rows.map((a) => a.id), q).toEqual([r.ok ? r.id : ""]);
    }
    const opds = await searchAgencies(t.db, { cluster: "opd", provinceCode: "61" });
    expect([opds.total, opds.rows[0]?.parent_name]).toEqual([1, "Pemerintah Provinsi Kalimantan Barat"]);
    expect((await searchAgencies(t.db, { cluster: "opd", provinceCode: "64" })).total).toBe(0);
  });

  it("refuses everyone but the organizer's own admins, writing nothing", async () => {
    const w = await buildWorld(t.db);
    const input = opd("Dinas Kesehatan Provinsi Kalimantan Barat");
    for (const user of [
      w.users.panrbAdmin,
      w.users.adminLokal,
      w.users.innovator,
      w.users.platformAdmin,
      w.users.evaluator,
      w.users.nobody,
    ]) {
      expect(await statusOf(createAgency(t.db, await actorOf(t.db, user), w.organizers.kalbar, input)), user).toBe(403);
    }
    // The Kalbar admin cannot act for PANRB either.
    const bumn = { cluster: "bumn", name: "PT Kalbar Persero" };
    expect(await statusOf(createAgency(t.db, await kalbarAdmin(w), w.organizers.panrb, bumn))).toBe(403);
    expect(await statusOf(getNewAgencyForm(t.db, await kalbarAdmin(w), w.organizers.panrb))).toBe(403);
    expect(await statusOf(getNewAgencyForm(t.db, await actorOf(t.db, w.users.platformAdmin), w.organizers.kalbar))).toBe(403);
    expect(await addedAgencies(t.db)).toEqual([]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("offers each organizer only the clusters it may add", async () => {
    const w = await buildWorld(t.db);
    const kalbar = await getNewAgencyForm(t.db, await kalbarAdmin(w), w.organizers.kalbar);
    expect([kalbar.clusters, kalbar.provinces.length, kalbar.homeProvince?.code]).toEqual([["opd", "bumd"], 0, "PROV-61"]);
    const panrb = await getNewAgencyForm(t.db, await actorOf(t.db, w.users.panrbAdmin), w.organizers.panrb);
    expect([panrb.clusters, panrb.provinces.length, panrb.homeProvince]).toEqual([["bumn", "lembaga", "bumd"], 38, null]);
  });
});
