import crypto from "node:crypto";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3100);
// Debian's chromium where it is installed (CI, offline machines); Playwright's own browser elsewhere.
const debianChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(debianChromium) ? debianChromium : undefined;

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // Quizzes are pools of 8–10 questions now; a busy CI machine needs the headroom.
  timeout: 60_000,
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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // Its own database, made fresh from the migrations and the demo seed.
    command: `node tests/e2e/start-server.mjs`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    // A secret made for this run: production mode refuses to start without one.
    env: { PORT: String(PORT), DATABASE_URL: `file:${process.env.E2E_DB || "./tests/.tmp/e2e.db"}`, SESSION_SECRET: crypto.randomBytes(32).toString("base64url") },
    stdout: "pipe",
  },
});
