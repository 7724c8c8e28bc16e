// Production HTTP server: Remix on Express, so loaders get the client address
// (sign-in throttling per IP) and static files get long-lived cache headers.
// Compressed on the wire (app/utils/compress.server.ts): static files from their
// build-time .br/.gz twins, pages at a fast level; bench:pages measures the cost.
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

process.env.NODE_ENV ??= "production";
// `npm start` is the local demo (`--demo`): it may make its own cookie secret.
if (process.argv.includes("--demo")) process.env.KNS_DEMO = "1";
if (process.env.NODE_ENV === "production" && !process.env.SESSION_SECRET && process.env.KNS_DEMO !== "1") {
  console.error(
    "SESSION_SECRET is not set, so the server will not start: in production the session cookie must be signed " +
      "with a secret of your own. Make one with\n  node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"\n" +
      "and start again with SESSION_SECRET=<that value>. (`npm start` runs the local demo, which makes its own.)",
  );
  process.exit(1);
}

const build = await import("./build/index.js");
const {
  guardBuild,
  securityHeaders,
  crossSiteResponse,
  CSRF_COOKIE,
  csrfTokenFromCookieHeader,
  newCsrfToken,
  secureCookies,
  compressResponses,
  precompressedFiles,
  startStatementSender,
  startImportWorker,
} = build.entry.module;

const app = express();
app.disable("x-powered-by");
// Only behind a reverse proxy you run: it makes Express believe X-Forwarded-For,
// which anyone can forge when requests reach the server directly.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

// Security headers on every response; the script nonce is made per request and
// handed to the page renderer through the load context.
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  for (const [name, value] of Object.entries(securityHeaders(nonce))) res.setHeader(name, value);
  // The double-submit token for forms posted by browsers that send no Origin header.
  let token = csrfTokenFromCookieHeader(req.headers.cookie ?? "");
  if (!token) {
    token = newCsrfToken();
    if (req.method === "GET") res.cookie(CSRF_COOKIE, token, { path: "/", sameSite: "lax", httpOnly: true, secure: secureCookies() });
  }
  res.locals.csrfToken = token;
  next();
});

// State-changing requests from another origin (another site, port or subdomain) are refused here.
app.use(async (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    const refused = await crossSiteResponse(new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, { method: req.method, headers }));
    if (!refused) return next();
    res.status(refused.status);
    refused.headers.forEach((value, name) => res.setHeader(name, value));
    res.send(await refused.text());
  } catch (error) {
    next(error);
  }
});

// Fingerprinted build assets never change.
app.use("/build", precompressedFiles(path.resolve("public/build")), express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
// Other public files (icons, manifest, scripts) all have an extension; looking
// every page address up on disk first would cost a failed stat per request.
const publicTwins = precompressedFiles(path.resolve("public"));
const publicFiles = express.static(path.resolve("public"), { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicTwins(req, res, () => publicFiles(req, res, next)) : next()));
// Pages and JSON made per request.
app.use(compressResponses());

app.all(
  "*",
  createRequestHandler({
    // Every action behind the same-origin and body-size checks.
    build: guardBuild(build),
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({ clientIp: req.ip, cspNonce: res.locals.cspNonce, csrfToken: res.locals.csrfToken }),
  }),
);

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
app.listen(port, host, () => {
  console.log(`Kỹ Năng Số is listening on http://${host ?? "localhost"}:${port}`);
  // Learning records go to the LRS (when LRS_URL is set) from a timer in this
  // process, never from a member's request.
  startStatementSender();
  // Large imports are committed by a worker here, outside the admin's request.
  void startImportWorker();
});

// Exit cleanly on a stop signal (lets profilers and process managers finish).
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
