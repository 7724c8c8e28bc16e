// Compression on the wire (issue 13): a member on a slow mobile link waits for
// every kilobyte, so HTML, CSS, JavaScript and JSON go compressed when the
// browser accepts it. Static files are compressed once at build time, at the
// highest level (app/browser/build.mjs writes .br and .gz beside them); pages
// are compressed as they stream, at a fast level, because each costs CPU per
// request (bench:pages measures it). Plain Node streams: no package needed.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";

type Next = (error?: unknown) => void;
type Encoding = "br" | "gzip";

/** Types worth compressing (images here are SVG, which is text too). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|manifest\+json|xml)|image\/svg\+xml)/;
/** Below this, the compressed headers and framing cost more than they save. */
const MIN_BYTES = 1024;
/** Fast levels for pages made per request (brotli 4 is about gzip 6's size at gzip 1's cost). */
const BROTLI_PAGE_QUALITY = 4;
const GZIP_PAGE_LEVEL = 1;

/** The encoding to answer with, from Accept-Encoding: brotli first, then gzip; none if refused (q=0). */
export function chooseEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  const offered = new Map<string, number>();
  for (const part of accept.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    offered.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  for (const encoding of ["br", "gzip"] as const) if ((offered.get(encoding) ?? offered.get("*") ?? 0) > 0) return encoding;
  return null;
}

function toBuffer(chunk: unknown, encoding: unknown) {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  return chunk as Buffer;
}

function addVary(res: ServerResponse) {
  const vary = String(res.getHeader("Vary") ?? "");
  if (!/\baccept-encoding\b/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}

/**
 * Express/Connect middleware compressing what the application writes: decided
 * at the first write, from the response's type and size; a response that sets
 * its own Content-Encoding, an empty one (a redirect) or a small one is sent as is.
 */
export function compressResponses() {
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const encoding = chooseEncoding(req.headers["accept-encoding"] as string | undefined);
    if (!encoding || req.method === "HEAD") return next();
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let decided = false;
    let stream: zlib.BrotliCompress | zlib.Gzip | null = null;

    const decide = (firstChunk: unknown) => {
      if (decided) return;
      decided = true;
      const type = String(res.getHeader("Content-Type") ?? "");
      const length = Number(res.getHeader("Content-Length") ?? NaN);
      const empty =
        firstChunk === undefined || firstChunk === null || (typeof firstChunk !== "function" && Buffer.byteLength(firstChunk as string | Buffer) === 0);
      if (empty || res.getHeader("Content-Encoding") || !COMPRESSIBLE.test(type) || length < MIN_BYTES || res.statusCode === 204 || res.statusCode === 304)
        return;
      stream =
        encoding === "br"
          ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_PAGE_QUALITY } })
          : zlib.createGzip({ level: GZIP_PAGE_LEVEL });
      res.setHeader("Content-Encoding", encoding);
      res.removeHeader("Content-Length");
      addVary(res);
      const compressed = stream;
      compressed.on("data", (chunk: Buffer) => {
        if (!write(chunk)) compressed.pause();
      });
      res.on("drain", () => compressed.resume());
      compressed.on("end", () => end());
      compressed.on("error", (error) => res.destroy(error));
      res.on("close", () => compressed.destroy());
    };

    res.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      decide(chunk);
      if (!stream) return write(chunk, encodingOrCallback, callback);
      stream.write(toBuffer(chunk, encodingOrCallback));
      if (typeof encodingOrCallback === "function") (encodingOrCallback as () => void)();
      else if (typeof callback === "function") (callback as () => void)();
      return true;
    }) as typeof res.write;

    res.end = ((chunk?: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      const data = typeof chunk === "function" ? undefined : chunk;
      decide(data);
      if (!stream) return end(chunk, encodingOrCallback, callback);
      const done = [chunk, encodingOrCallback, callback].find((x) => typeof x === "function") as (() => void) | undefined;
      if (done) res.once("finish", done);
      if (data !== undefined && data !== null) stream.end(toBuffer(data, encodingOrCallback));
      else stream.end();
      return res;
    }) as typeof res.end;
    next();
  };
}

/**
 * Serves a file's build-time .br or .gz twin when the browser accepts it (the
 * middleware goes before express.static, which then sends the twin). `root` is
 * the folder the URL maps into; the twins are listed once at start.
 */
export function precompressedFiles(root: string) {
  const twins = new Set<string>();
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(br|gz)$/.test(entry.name)) twins.add(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return (req: IncomingMessage & { path?: string; url?: string }, res: ServerResponse, next: Next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const encoding = chooseEncoding(req.headers["accept-encoding"] as string | undefined);
    if (!encoding) return next();
    const url = new URL(req.url ?? "/", "http://x");
    let file: string;
    try {
      file = decodeURIComponent(url.pathname).replace(/^\/+/, "");
    } catch {
      return next();
    }
    const twin = `${file}.${encoding === "br" ? "br" : "gz"}`;
    if (!twins.has(twin)) return next();
    const type = typeFor(file);
    if (!type) return next();
    // express.static then finds the twin; its own type for .br/.gz is replaced here.
    req.url = `/${twin}${url.search}`;
    res.setHeader("Content-Encoding", encoding);
    addVary(res);
    const setHeader = res.setHeader.bind(res);
    res.setHeader = ((name: string, value: string | number | readonly string[]) =>
      setHeader(name, name.toLowerCase() === "content-type" ? type : value)) as typeof res.setHeader;
    next();
  };
}

function typeFor(file: string) {
  const ext = path.extname(file).toLowerCase();
  return (
    {
      ".js": "application/javascript; charset=utf-8",
      ".css": "text/css; charset=utf-8",
      ".svg": "image/svg+xml",
      ".webmanifest": "application/manifest+json",
      ".json": "application/json",
      ".html": "text/html; charset=utf-8",
    } as Record<string, string>
  )[ext];
}
