// Reading what the browser sent. A body is a claim: its type, its size and its
// fields are checked here, and anything malformed is answered 400 (or 413) in
// the reader's language, never a 500 and never a partial write.
import { DEFAULT_BODY_LIMIT, refusal, type Rejection } from "./request-guard.server";
import { notFound } from "./auth.server";
import { parseId } from "./ids";

export { parseId };

type ReadOptions = { limit?: number; page?: boolean };

async function fail(request: Request, rejection: Rejection, page: boolean): Promise<never> {
  throw await refusal(request, rejection, page);
}

/** The body's bytes, refusing more than `limit` even when no Content-Length was sent. */
async function readCapped(request: Request, limit: number, page: boolean) {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      return fail(request, { status: 400, key: "errors.badRequest" }, page);
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return fail(request, { status: 413, key: "errors.tooLarge", params: { kb: Math.floor(limit / 1024) } }, page);
    }
    chunks.push(step.value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** A form post (URL-encoded or multipart) as FormData; anything else, or a broken body, is a 400. */
export async function readForm(request: Request, options: ReadOptions = {}): Promise<FormData> {
  const page = options.page ?? true;
  const type = request.headers.get("Content-Type") ?? "";
  const isForm = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
  if (!isForm) return fail(request, { status: 400, key: "errors.badRequest" }, page);
  const bytes = await readCapped(request, options.limit ?? DEFAULT_BODY_LIMIT, page);
  try {
    return await new Response(bytes, { headers: { "Content-Type": type } }).formData();
  } catch {
    return fail(request, { status: 400, key: "errors.badRequest" }, page);
  }
}

/** A JSON body, size-capped; a broken one is a 400. */
export async function readJson(request: Request, options: ReadOptions = {}): Promise<unknown> {
  const page = options.page ?? false;
  const bytes = await readCapped(request, options.limit ?? DEFAULT_BODY_LIMIT, page);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return fail(request, { status: 400, key: "errors.badRequest" }, page);
  }
}

/** An id from the address (a route param): anything that is not an id is a page that does not exist. */
export function requireId(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) notFound();
  return id;
}
