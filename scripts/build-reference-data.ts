/**
 * Regenerates db/reference/regions.json from the `idn-area-data` package:
 * provinces, regencies and cities with their Kemendagri codes.
 * (db/reference/central-agencies.json, ministries, agencies and BUMN, is
 * curated by hand.)
 *
 * The JSON is committed: the reference-data migration reads the files, so a
 * later package release never changes what an old migration inserts.
 *
 *   npx tsx scripts/build-reference-data.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const dataDir = path.join(path.dirname(require.resolve("idn-area-data/package.json")), "data");

function readCsv(file: string): string[][] {
  const text = readFileSync(path.join(dataDir, file), "utf8").trim();
  return text
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(","));
}

const provinces = readCsv("provinces.csv").map(([code, name]) => ({ code, name }));
const regencies = readCsv("regencies.csv").map(([code, province_code, name]) => ({ code, province_code, name }));

writeFileSync(
  path.join("db", "reference", "regions.json"),
  JSON.stringify({ source: "idn-area-data@4.0.1", provinces, regencies }, null, 1) + "\n",
);
console.log(`provinces: ${provinces.length}, regencies and cities: ${regencies.length}`);
