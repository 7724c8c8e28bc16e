import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getCourse } from "./content/course.server";
import { i18nInstance, i18nServer } from "./i18n.server";
import { lessonPageSizeKnown, recordLessonPageSize } from "./content/page-sizes.server";
import { NonceProvider } from "./utils/nonce";
import { getUser } from "./utils/auth.server";

// What server.js needs from the application: the guarded build and the headers.
export { CSRF_COOKIE, crossSiteResponse, csrfTokenFromCookieHeader, guardBuild, newCsrfToken, securityHeaders } from "./utils/request-guard.server";
export { secureCookies } from "./utils/env.server";
export { compressResponses, precompressedFiles } from "./utils/compress.server";
export { startStatementSender } from "./models/lrs-outbox.server";
export { startImportWorker } from "./models/import.server";

const ABORT_DELAY = 5_000;

// Compile (or load from cache) every lesson as soon as the server starts, so
// no reader waits for it.
getCourse().catch((error) => console.error("Could not load the course", error));

/**
 * The first time a lesson page (this version, this language) is sent, count
 * its bytes: the catalogue shows what saving it for offline costs. Later
 * requests pass through untouched.
 */
async function lessonPageToMeasure(request: Request, status: number, locale: string) {
  const url = new URL(request.url);
  const slug = url.pathname.match(/^\/lessons\/([a-z0-9-]+)$/)?.[1];
  if (!slug || status !== 200 || request.method !== "GET" || url.search) return null;
  // A guest's page has no quiz form: only a member's page is what saving costs.
  if (!(await getUser(request))) return null;
  const lesson = (await getCourse()).bySlug.get(slug);
  if (!lesson || lessonPageSizeKnown(lesson, locale)) return null;
  return () => {
    let bytes = 0;
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(null, chunk);
      },
      flush(callback) {
        recordLessonPageSize(lesson, locale, bytes);
        callback();
      },
    });
  };
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const locale = await i18nServer.getLocale(request);
  const i18n = await i18nInstance(locale);
  const measure = await lessonPageToMeasure(request, responseStatusCode, locale);
  // A page made for a signed-in browser stays out of the browser's HTTP cache: on a
  // shared phone, the next person must not get it back after a sign-out. (Copies for
  // offline use are kept by the service worker, per member; see sw.ts.)
  if (/(?:^|;\s*)kns_session=/.test(request.headers.get("Cookie") ?? "") && !responseHeaders.has("Cache-Control")) {
    responseHeaders.set("Cache-Control", "private, no-store");
  }
  // No route defers data, so nothing is gained by streaming the shell first:
  // send each page whole (bots and no-JS readers need that anyway).

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={loadContext?.cspNonce ?? ""}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </I18nextProvider>
      </NonceProvider>,
      {
        onAllReady() {
          shellRendered = true;
          const body = measure ? measure() : new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
