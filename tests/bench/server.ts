// Starts the production build on its own database for a benchmark, and signs in.
import { spawn, execSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type BenchServer = { origin: string; stop: () => void; process: ChildProcess };

export async function startServer(options: {
  port: number;
  databaseFile: string;
  freshDatabase?: boolean;
  build?: boolean;
  log?: string;
}): Promise<BenchServer> {
  // Production mode refuses to start without a cookie secret: a benchmark makes its own.
  const secret = process.env.SESSION_SECRET || crypto.randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    DATABASE_URL: `file:${options.databaseFile}`,
    NODE_ENV: "production",
    SESSION_SECRET: secret,
  };
  if (options.freshDatabase !== false) {
    fs.mkdirSync(path.dirname(options.databaseFile), { recursive: true });
    for (const s of ["", "-wal", "-shm"]) fs.rmSync(options.databaseFile + s, { force: true });
    execSync("npm run setup --silent", { env, stdio: "ignore" });
  }
  if (options.build !== false && !fs.existsSync("build/index.js")) execSync("npm run build --silent", { stdio: "ignore" });
  // The server's output to a file when asked (bench:national reads the slow-query log from it).
  const out = options.log ? fs.openSync(options.log, "a") : "ignore";
  const child: ChildProcess = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", out, out] });
  const origin = `http://localhost:${options.port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${origin}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // Wait until the course is compiled or loaded from cache.
  await fetch(`${origin}/lessons`);
  return { origin, process: child, stop: () => child.kill() };
}

export async function signIn(origin: string, phone: string, password = "demo1234") {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    // Every change must say it comes from the site itself (request-guard.server).
    headers: { Origin: origin },
    body: new URLSearchParams({ phone, password }),
    redirect: "manual",
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.some((c) => c.startsWith("kns_session="))) throw new Error(`sign-in failed for ${phone}: ${response.status}`);
  return cookies.join("; ");
}
