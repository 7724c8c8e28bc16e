// Starts the site for the end-to-end tests on a fresh database file.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const file = path.resolve(process.env.DATABASE_URL.replace(/^file:/, ""));
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
execSync("npm run setup", { stdio: "inherit" });
if (!process.env.E2E_SKIP_BUILD) execSync("npm run build", { stdio: "inherit" });
await import("../../server.js");
