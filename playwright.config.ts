import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT as PORT, LRS_KEY, LRS_PORT, LRS_SECRET } from "./tests/e2e/lrs";

// Debian's chromium where it is installed (CI, offline machines); Playwright's own browser elsewhere.
const debianChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(debianChromium) ? debianChromium : undefined;

// The test processes make their own worlds (tests/e2e/world.ts) with the app's models, in the
// server's database: point them at it before any spec imports the database client.
const database = path.resolve(process.env.E2E_DB || "./tests/.tmp/e2e.db");
process.env.DATABASE_URL = `file:${database}`;

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // A test that passes only on a second try is a bug to fix, not noise to hide: no retries.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // Quizzes are pools of 8–10 questions now; a busy CI machine needs the headroom.
  timeout: 90_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices["Pixel 5"],
    // The phones our members use: 360 px wide.
    viewport: { width: 360, height: 740 },
    browserName: "chromium",
    locale: "vi-VN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // Its own database, made fresh from the migrations and the demo seed.
    command: `node tests/e2e/start-server.mjs`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    // A secret made for this run: production mode refuses to start without one.
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:${database}`,
      SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
      // Configured like production: the address people use, and an LRS (up only while its spec runs).
      PUBLIC_URL: `http://localhost:${PORT}`,
      LRS_URL: `http://127.0.0.1:${LRS_PORT}/xapi`,
      LRS_KEY,
      LRS_SECRET,
      XAPI_ACTOR_SECRET: crypto.randomBytes(32).toString("base64url"),
      XAPI_SEND_INTERVAL_SECONDS: "1",
      // Files over this many rows are committed by the import worker (admin.spec.ts imports one).
      IMPORT_INLINE_ROWS: "20",
    },
    stdout: "pipe",
  },
});
