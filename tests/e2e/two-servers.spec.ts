// Several app servers behind a load balancer share one PostgreSQL and nothing else:
// a member signs in on one server, takes a quiz on the other, and a supervisor reads
// it in the reports of either. The spec starts its own throwaway PostgreSQL cluster
// (prisma/pg.sh) and two servers from the build on two ports; no retries, no timing.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { answerShown, lessonKey } from "./course";
import { DEMO, DEMO_PASSWORD, expect, screenshot, test } from "./fixtures";
import { E2E_PORT } from "./lrs";

const PORTS = [E2E_PORT + 2, E2E_PORT + 3];
const MEMBER = "0388000010"; // a demo member of Thôn Tích Phú, on this spec's own database (nothing else signs in there)
const [A, B] = PORTS.map((port) => `http://localhost:${port}`);

let clusterDir = "";
let clusterEnv = { ...process.env };
let databaseUrl = "";
const servers: ChildProcess[] = [];

async function freePort(from: number) {
  const net = await import("node:net");
  for (let port = from; ; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function healthy(origin: string) {
  await expect.poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250] }).toBe(200);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // A cluster of its own in a temporary folder the `postgres` user can reach (as root), on a free port.
  clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), "kns-e2e-pg-"));
  fs.chmodSync(clusterDir, 0o755);
  clusterEnv = { ...process.env, PGPORT: String(await freePort(55500)), PGROOT: path.join(clusterDir, "cluster"), PGDB: "kns_e2e" };
  const started = execFileSync("prisma/pg.sh", ["start"], { env: clusterEnv, encoding: "utf8" });
  databaseUrl = started.match(/DATABASE_URL=(\S+)/)![1];
  // Migrated from prisma/postgres/migrations and seeded, as `npm start` does.
  execFileSync("npm", ["run", "setup"], { env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" }, stdio: "ignore" });
  // The same secrets on every server, as a deployment gives them.
  const secrets = { SESSION_SECRET: crypto.randomBytes(32).toString("base64url"), XAPI_ACTOR_SECRET: crypto.randomBytes(32).toString("base64url") };
  for (const port of PORTS) {
    const server = spawn("node", ["server.js"], {
      env: { ...process.env, ...secrets, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, LRS_URL: "", PUBLIC_URL: "" },
      stdio: "ignore",
    });
    servers.push(server);
  }
  await Promise.all([healthy(A), healthy(B)]);
});

test.afterAll(async () => {
  for (const server of servers) server.kill();
  if (clusterDir) {
    execFileSync("prisma/pg.sh", ["destroy"], { env: clusterEnv, stdio: "ignore" });
    fs.rmSync(clusterDir, { recursive: true, force: true });
  }
});

test("two servers on one PostgreSQL: sign in on one, quiz on the other, the report on either", async ({ browser }) => {
  const key = await lessonKey(6);
  const member = await (await browser.newContext()).newPage();

  // Signed in on A: the session lives in the database, so B knows the member too.
  await member.goto(`${A}/login`);
  await member.getByLabel(/Số điện thoại|Phone number/).fill(MEMBER);
  await member.getByLabel(/^(Mật khẩu|Password)$/).fill(DEMO_PASSWORD);
  await member.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await expect(member).toHaveURL(`${A}/`);
  await member.goto(`${B}/lessons/${key.slug}`);
  await expect(member.getByRole("button", { name: "Đăng xuất" })).toBeVisible();

  // The quiz is drawn by B and graded by B; the attempt is in the shared database.
  await answerShown(member, key, "right");
  await expect(member.getByTestId("quiz-verdict")).toContainText("Bạn đã đạt");
  await screenshot(member, "two-servers-quiz");
  // A shows the lesson as done: it reads what B wrote.
  await member.goto(`${A}/lessons/${key.slug}`);
  await expect(member.getByTestId("lesson-completed")).toBeVisible();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: number; passed: boolean }>(
    `SELECT u."id", a."passed" FROM "QuizAttempt" a JOIN "User" u ON u."id" = a."userId" WHERE u."phone" = $1 AND a."lessonSlug" = $2`,
    [MEMBER, key.slug],
  );
  await db.end();
  expect(rows).toEqual([{ id: expect.any(Number), passed: true }]);

  // The commune's supervisor signs in on B and reads the member's record on A.
  const supervisor = await (await browser.newContext()).newPage();
  await supervisor.goto(`${B}/login`);
  await supervisor.getByLabel(/Số điện thoại|Phone number/).fill(DEMO.communeSupervisor);
  await supervisor.getByLabel(/^(Mật khẩu|Password)$/).fill(DEMO_PASSWORD);
  await supervisor.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await expect(supervisor).toHaveURL(`${B}/`);
  await supervisor.goto(`${A}/reports/member/${rows[0].id}`);
  await expect(supervisor.getByTestId("report-member")).toBeVisible();
  await expect(supervisor.locator("main")).toContainText(key.title);
  await supervisor.goto(`${B}/reports`);
  await expect(supervisor.getByTestId("report-unit")).toHaveText("Xã Đại Thạnh");
  await screenshot(supervisor, "two-servers-report");
});
