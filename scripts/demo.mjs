/**
 * The newcomer's command (npm run demo): build, migrate the embedded SQLite
 * database under data/, load the demo on first run, print the demo logins and
 * serve on http://localhost:$PORT (default 3000).
 */
import { spawnSync } from "node:child_process";

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env, shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.env.NODE_ENV === "production") {
  console.error("npm run demo is for trying Sayembara out; in production use npm start (docs/deployment.md).");
  process.exit(1);
}
// The demo is served over plain HTTP (often opened from another machine on the
// LAN), so its session cookie must not be Secure-only.
process.env.COOKIE_SECURE ??= "0";
run("npx", ["remix", "build"]);
run("npx", ["tsx", "scripts/seed-demo.ts"]);
await import("./server.mjs").then(async ({ createServer, listen, loadBuild }) => {
  const port = Number(process.env.PORT ?? 3000);
  listen(createServer(await loadBuild()), port, process.env.HOST ?? "0.0.0.0", () => {
    console.log(`Sayembara berjalan di http://localhost:${port}  (Ctrl+C untuk berhenti)`);
  });
});
