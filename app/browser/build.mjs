// Builds the browser code that is not React: the plain-HTML pages' script
// (public/lesson.js) and the service worker (public/sw.js) with its precache
// list. Runs after `remix build`, whose output names the styles to precache.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");
const at = (...p) => path.join(root, ...p);
const hash = (body, n = 10) => crypto.createHash("sha256").update(body).digest("hex").slice(0, n);

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  // Android's WebView and Chrome from about 2020 on.
  target: "es2020",
  tsconfig: at("tsconfig.json"),
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
};

await build({ ...common, entryPoints: [at("app/browser/lesson.ts")], outfile: at("public/lesson.js") });

const serverBuild = at("build/index.js");
if (!fs.existsSync(serverBuild)) {
  console.log("build-browser: public/lesson.js built; no server build yet, so no service worker.");
  process.exit(0);
}

// Same address the server gives the script (app/utils/static-assets.server.ts).
const script = `/lesson.js?v=${hash(fs.readFileSync(at("public/lesson.js")))}`;
const serverCode = fs.readFileSync(serverBuild, "utf8");
const styles = [...new Set(serverCode.match(/\/build\/_assets\/[\w.-]+\.css/g) ?? [])];
if (styles.length === 0) throw new Error("build-browser: no stylesheet found in build/index.js");
const fileRevision = (file) => hash(fs.readFileSync(at("public", file)));

const precache = [
  // The offline page is rendered by the server build: any change to that build may change it.
  { url: "/offline", revision: hash(serverCode, 16) },
  ...styles.map((url) => ({ url, revision: null })),
  { url: script, revision: null },
  { url: "/icons/icon.svg", revision: fileRevision("icons/icon.svg") },
  { url: "/manifest.webmanifest", revision: fileRevision("manifest.webmanifest") },
];

await build({
  ...common,
  entryPoints: [at("app/service-worker/sw.ts")],
  outfile: at("public/sw.js"),
  define: { ...common.define, __PRECACHE__: JSON.stringify(precache) },
});
// Compressed once, at the highest levels, for browsers that accept it (server.js sends
// these twins; pages are compressed per request at a fast level instead).
function compressTwins(dir) {
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      count += compressTwins(full);
      continue;
    }
    if (!/\.(js|css|svg|webmanifest)$/.test(entry.name)) continue;
    const body = fs.readFileSync(full);
    if (body.length < 1024) continue;
    fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(`${full}.gz`, zlib.gzipSync(body, { level: 9 }));
    count++;
  }
  return count;
}
const twins = compressTwins(at("public"));

// For the offline benchmark: what the service worker precaches.
fs.writeFileSync(at("build/sw-precache.json"), JSON.stringify(precache, null, 2));
const size = (f) => (fs.statSync(at(f)).size / 1024).toFixed(1);
console.log(
  `build-browser: public/lesson.js ${size("public/lesson.js")} KB, public/sw.js ${size("public/sw.js")} KB, ${precache.length} files precached, ${twins} files precompressed`,
);
