/**
 * Verifies a round's jury assignment from the exported CSV files: rule
 * violations, the objective, and whether it is optimal (compared with the
 * exact solver, whose own certificate is checked, and with the textbook
 * reference solver on small rounds).
 *
 *   npx tsx scripts/verify-assignment.ts --jurors jurors.csv --proposals proposals.csv \
 *     --conflicts conflicts.csv --assignments assignments.csv [--round "Babak 1"] [--k 3] \
 *     [--diversity] [--kept-sources manual,kept]
 *
 * Columns (header row, any order, `,` or `;`):
 *   jurors       juror_email, affiliation_code, expertise (;-separated categories), min_load, max_load
 *   proposals    proposal_number, agency_code, category
 *   conflicts    juror_email, proposal_number, source
 *   assignments  round, proposal_number, juror_email, expertise_match, source
 * Pairs whose `source` is listed in --kept-sources are treated as kept (fixed)
 * pairs; the optimum is then the best assignment that keeps them. Regions are
 * not in the export, so diversity (--diversity) counts shared affiliations only.
 * Exit code 0 when there is no violation and the assignment is optimal, 1 otherwise.
 */
import { readFileSync } from "node:fs";
import { detectDelimiter, parseCsv, stripBom } from "../app/domain/csv";
import {
  checkAssignment,
  evaluateAssignment,
  referenceSolve,
  solveAssignment,
  type SolverInstance,
  type SolverObjective,
} from "../app/domain/assignment";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function table(name: string, required: string[]): Record<string, string>[] {
  const file = arg(name);
  if (!file) throw new Error(`missing --${name} <file.csv>`);
  const text = stripBom(readFileSync(file, "utf8"));
  const parsed = parseCsv(text, detectDelimiter(text));
  if (!parsed.ok) throw new Error(`${file}: CSV error ${JSON.stringify(parsed.error)}`);
  const [head, ...rows] = parsed.records.map((r) => r.fields);
  const cols = head.map((h) => h.trim().toLowerCase());
  for (const c of required) if (!cols.includes(c)) throw new Error(`${file}: missing column ${c}`);
  return rows
    .filter((r) => r.some((x) => x.trim() !== ""))
    .map((r) => Object.fromEntries(cols.map((c, i) => [c, (r[i] ?? "").trim()])));
}
const ids = () => {
  const map = new Map<string, number>();
  return (key: string) => {
    if (!map.has(key)) map.set(key, map.size);
    return map.get(key)!;
  };
};

const jurorsCsv = table("jurors", ["juror_email", "affiliation_code", "expertise", "min_load", "max_load"]);
const proposalsCsv = table("proposals", ["proposal_number", "agency_code", "category"]);
const conflictsCsv = arg("conflicts") ? table("conflicts", ["juror_email", "proposal_number"]) : [];
let assignmentsCsv = table("assignments", ["proposal_number", "juror_email"]);
const round = arg("round");
if (round !== undefined) assignmentsCsv = assignmentsCsv.filter((r) => r.round === round);
else if (new Set(assignmentsCsv.map((r) => r.round)).size > 1) throw new Error("several rounds in the file: pass --round");
const keptSources = new Set((arg("kept-sources") ?? "").split(",").map((s) => s.trim()).filter(Boolean));

const category = ids();
const agency = ids();
const affiliation = ids();
const jIndex = new Map(jurorsCsv.map((r, j) => [r.juror_email.toLowerCase(), j]));
const pIndex = new Map(proposalsCsv.map((r, p) => [r.proposal_number, p]));
const inst: SolverInstance = {
  k: Number(arg("k") ?? 3),
  proposals: proposalsCsv.map((r) => ({
    category: r.category ? category(r.category) : null,
    agency: r.agency_code ? agency(r.agency_code) : null,
    region: null,
  })),
  jurors: jurorsCsv.map((r) => ({
    expertise: r.expertise.split(";").map((s) => s.trim()).filter(Boolean).map(category),
    minLoad: Number(r.min_load || 0),
    maxLoad: Number(r.max_load || 0),
    affiliation: r.affiliation_code ? affiliation(r.affiliation_code) : null,
    region: null,
  })),
  conflicts: [],
  existing: [],
  diversity: process.argv.includes("--diversity"),
};
const problems: string[] = [];
const pair = (r: Record<string, string>, what: string): [number, number] | null => {
  const p = pIndex.get(r.proposal_number);
  const j = jIndex.get(r.juror_email.toLowerCase());
  if (p === undefined || j === undefined) {
    problems.push(`${what}: unknown ${p === undefined ? `proposal ${r.proposal_number}` : `juror ${r.juror_email}`}`);
    return null;
  }
  return [p, j];
};
const conflicts: number[] = [];
for (const r of conflictsCsv) {
  const x = pair(r, "conflict");
  if (x) conflicts.push(...x);
}
inst.conflicts = conflicts;
const kept: number[] = [];
const given: number[] = [];
let matchDisagrees = 0;
for (const r of assignmentsCsv) {
  const x = pair(r, "assignment");
  if (!x) continue;
  (keptSources.has(r.source ?? "") ? kept : given).push(...x);
  if (r.expertise_match !== undefined && r.expertise_match !== "") {
    const c = inst.proposals[x[0]].category;
    const match = c === null || inst.jurors[x[1]].expertise.includes(c);
    const said = ["1", "true", "ya", "yes", "y"].includes(r.expertise_match.toLowerCase());
    if (match !== said) matchDisagrees++;
  }
}
inst.existing = kept;

const fmt = (o: SolverObjective) =>
  `assigned ${o.assigned}, min-load deficit ${o.minLoadDeficit}, mismatches ${o.mismatches}, ` +
  `loads ${o.maxLoad}/${o.minLoad} (spread ${o.spread}), sum of squares ${o.sumSquares}, diversity ${o.diversity}`;
const key = (o: SolverObjective) =>
  [o.assigned, -o.minLoadDeficit, -o.mismatches, -o.sumSquares, ...(inst.diversity ? [-o.diversity] : [])];

console.log(`${inst.proposals.length} proposals, ${inst.jurors.length} jurors, ${conflicts.length / 2} conflicts, ` +
  `${given.length / 2 + kept.length / 2} assigned pairs (${kept.length / 2} kept), k = ${inst.k}`);
const violations = [...problems, ...checkAssignment(inst, given)];
console.log(`rule violations: ${violations.length}`);
for (const v of violations.slice(0, 20)) console.log(`  ${v}`);
if (matchDisagrees) console.log(`expertise_match column disagrees with the expertise on ${matchDisagrees} rows`);
const mine = evaluateAssignment(inst, given);
console.log(`this assignment: ${fmt(mine)}`);
const best = solveAssignment(inst);
const cert = best.stats.certificate as Record<string, boolean>;
console.log(`optimum (solver): ${fmt(best.objective)}; certificate ${Object.values(cert).every(Boolean) ? "holds" : "FAILS"}`);
if (inst.proposals.length <= 400) {
  const ref = referenceSolve(inst);
  const same = key(ref.objective).join() === key(best.objective).join();
  console.log(`reference min-cost flow: ${same ? "agrees" : `DIFFERS: ${fmt(ref.objective)}`}`);
}
for (const r of best.reasons) console.log(`note: ${JSON.stringify(r)}`);
const a = key(mine);
const b = key(best.objective);
const cmp = a.findIndex((x, i) => x !== b[i]);
const optimal = cmp < 0;
console.log(optimal ? "verdict: OPTIMAL" : `verdict: NOT OPTIMAL (first difference: ${["assigned", "min-load deficit", "mismatches", "sum of squares", "diversity"][cmp]})`);
process.exit(violations.length === 0 && optimal ? 0 : 1);
