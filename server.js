// Production HTTP server: Remix on Express, so loaders get the client address
// (sign-in throttling per IP) and static files get long-lived cache headers.
// No in-process compression: measured to halve throughput; a proxy can do it.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

process.env.NODE_ENV ??= "production";
const build = await import("./build/index.js");

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

// Fingerprinted build assets never change.
app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
// Other public files (icons, manifest, scripts) all have an extension; looking
// every page address up on disk first would cost a failed stat per request.
const publicFiles = express.static(path.resolve("public"), { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientIp: req.ip }),
  }),
);

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
app.listen(port, host, () => {
  console.log(`Kỹ Năng Số is listening on http://${host ?? "localhost"}:${port}`);
});

// Exit cleanly on a stop signal (lets profilers and process managers finish).
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
