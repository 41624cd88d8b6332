/**
 * Production start (npm start): apply migrations, then serve the existing
 * build (run `npm run build` first). Never loads demo data.
 */
import { spawnSync } from "node:child_process";

const r = spawnSync("npx", ["tsx", "scripts/migrate.ts"], { stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);
const { createServer, listen, loadBuild } = await import("./server.mjs");
const port = Number(process.env.PORT ?? 3000);
listen(createServer(await loadBuild(), { logRequests: process.env.LOG_REQUESTS === "1" }), port, process.env.HOST ?? "0.0.0.0", () => {
  console.log(`Sayembara berjalan di http://localhost:${port}`);
});
