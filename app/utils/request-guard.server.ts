// The checks every non-GET request passes before any action runs: it comes
// from this site (not another origin, not even another port or subdomain of
// the same site, which SameSite=Lax cookies would let through), and its body
// is of a size we agreed to read. One wrapper applies them to every route's
// action, page, data request and resource route alike (see guardBuild), so no
// route can forget them.
import crypto from "node:crypto";
import type { ActionFunction, ActionFunctionArgs, ServerBuild } from "@remix-run/node";
import { i18nServer, i18nInstance } from "~/i18n.server";
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER } from "./csrf";
import { siteOrigin } from "./origin.server";
import type { TranslationKey } from "~/i18n";

/** Bodies larger than this are refused with 413 unless the route's handle allows more. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** A route may say how large a body it reads: `export const handle = { bodyLimit: 6 * 1024 * 1024 }`. */
export type BodyLimitHandle = { bodyLimit?: number };

export { CSRF_COOKIE } from "./csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type Rejection = { status: 400 | 403 | 409 | 413 | 415 | 429; key: TranslationKey; params?: Record<string, string | number> };

function cookieValue(request: Request, name: string) {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/** A fresh value for the double-submit cookie (set on pages that lack it). */
export function newCsrfToken() {
  return crypto.randomBytes(18).toString("base64url");
}

/** The browser's double-submit token, if it has one. */
export function csrfTokenOf(request: Request) {
  const value = cookieValue(request, CSRF_COOKIE);
  return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

function sameToken(a: string | null, b: string | null) {
  if (!a || !b || a.length !== b.length) return false;
  return crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Where a state-changing request comes from. Modern browsers say it in
 * Sec-Fetch-Site (or at least Origin) on every POST; then nothing else is
 * needed. A request with neither (an old browser, a script) must prove it read
 * one of our pages: the token from our cookie, sent back in a header or a form
 * field (`formToken`, read by the caller only in that rare case).
 */
export function originRejection(request: Request, formToken?: string | null): Rejection | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get("Sec-Fetch-Site");
  if (site) return site === "same-origin" ? null : { status: 403, key: "errors.crossSite" };
  const origin = request.headers.get("Origin");
  if (origin) {
    if (origin === "null") return { status: 403, key: "errors.crossSite" };
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return { status: 403, key: "errors.crossSite" };
    }
    // The configured public origin, or this very host (the scheme may differ behind a TLS proxy).
    const ok = origin === siteOrigin(request) || host === new URL(request.url).host;
    return ok ? null : { status: 403, key: "errors.crossSite" };
  }
  const expected = csrfTokenOf(request);
  const sent = request.headers.get(CSRF_HEADER) ?? formToken ?? null;
  return sameToken(expected, sent) ? null : { status: 403, key: "errors.crossSite" };
}

/** Whether the declared body size is within the route's limit. */
export function sizeRejection(request: Request, limit: number): Rejection | null {
  const length = request.headers.get("Content-Length");
  if (length !== null && (!/^\d{1,15}$/.test(length) || Number(length) > limit)) {
    return { status: 413, key: "errors.tooLarge", params: { kb: Math.floor(limit / 1024) } };
  }
  return null;
}

/** The reader's language for a refusal made before any route ran. */
async function message(request: Request, rejection: Rejection) {
  const t = (await i18nInstance(await i18nServer.getLocale(request))).t;
  return t(rejection.key, rejection.params ?? {}) as string;
}

/**
 * The refusal as a Response. Pages get JSON `{ key, message }`, which the error
 * boundary shows in the reader's language; resource routes (posted by plain
 * forms, or by our scripts) get the sentence itself as text.
 */
export async function refusal(request: Request, rejection: Rejection, forPage: boolean) {
  const text = await message(request, rejection);
  const headers = { "Cache-Control": "no-store" };
  if (forPage) return Response.json({ key: rejection.key, params: rejection.params ?? {}, message: text }, { status: rejection.status, headers });
  return new Response(text, { status: rejection.status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

async function tokenFromBody(request: Request) {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return null;
  try {
    const value = (await request.clone().formData()).get(CSRF_FIELD);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

type RouteModule = { action?: ActionFunction; default?: unknown; handle?: unknown };

/** A route's action with the origin and size checks in front of it. */
export function guardAction(module: RouteModule): ActionFunction | undefined {
  const action = module.action;
  if (!action) return undefined;
  const forPage = typeof module.default === "function";
  const limit = (module.handle as BodyLimitHandle | undefined)?.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return async (args: ActionFunctionArgs) => {
    const { request } = args;
    const tooLarge = sizeRejection(request, limit);
    if (tooLarge) throw await refusal(request, tooLarge, forPage);
    const needsToken = !request.headers.get("Sec-Fetch-Site") && !request.headers.get("Origin") && !request.headers.get(CSRF_HEADER);
    const crossSite = originRejection(request, needsToken ? await tokenFromBody(request) : null);
    if (crossSite) throw await refusal(request, crossSite, forPage);
    return action(args);
  };
}

/** The server build with every action guarded: what server.js serves. */
export function guardBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = guardAction(route.module as RouteModule);
    routes[id] = action ? { ...route, module: { ...route.module, action } } : route;
  }
  return { ...build, routes };
}

/** The double-submit token in a raw Cookie header, if well formed. */
export function csrfTokenFromCookieHeader(header: string) {
  return csrfTokenOf(new Request("http://localhost/", { headers: { Cookie: header } }));
}

/**
 * Headers every response carries. The CSP allows scripts only from this site
 * plus the inline ones that carry this response's nonce (Remix's hydration
 * data, the service worker registration), which the plain lesson pages and the
 * React pages both need; no page may be framed by another site.
 */
export function securityHeaders(nonce: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Tailwind's stylesheet plus style attributes React writes (progress bars).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}

/**
 * The same-origin check for server.js, before Remix sees the request (Remix's
 * own weaker check on page posts would answer 500). Requests that carry no
 * Origin header go on to the action wrapper, which can read the form token.
 */
export async function crossSiteResponse(request: Request): Promise<Response | null> {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (!request.headers.get("Sec-Fetch-Site") && !request.headers.get("Origin")) return null;
  const rejection = originRejection(request);
  return rejection ? refusal(request, rejection, false) : null;
}
