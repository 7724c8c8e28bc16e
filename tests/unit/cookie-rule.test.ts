// Issue 16: one rule for every cookie. The sign-in, language and form-token
// cookies are all Secure in production, and all plain when COOKIE_SECURE=false
// (a local network over HTTP): the language switch used to read another setting
// and silently fail there.
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { NODE_ENV: process.env.NODE_ENV, COOKIE_SECURE: process.env.COOKIE_SECURE, SESSION_SECRET: process.env.SESSION_SECRET };

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
});

/** The three cookies as this environment would send them. */
async function cookiesUnder(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
  const { authSessionStorage } = await import("~/utils/session.server");
  const { languageCookie } = await import("~/i18n.server");
  const { secureCookies } = await import("~/utils/env.server");
  const session = await authSessionStorage.getSession();
  session.set("sessionId", "x");
  return {
    session: await authSessionStorage.commitSession(session),
    language: await languageCookie.serialize("en"),
    // server.js sets the form-token cookie with this same value.
    csrfSecure: secureCookies(),
  };
}

describe("one cookie rule", () => {
  it("production: every cookie is Secure", async () => {
    const c = await cookiesUnder({ NODE_ENV: "production", COOKIE_SECURE: undefined, SESSION_SECRET: "s".repeat(32) });
    expect(c.session).toMatch(/;\s*Secure/i);
    expect(c.language).toMatch(/;\s*Secure/i);
    expect(c.csrfSecure).toBe(true);
  });

  it("COOKIE_SECURE=false: none is, so sign-in and the language switch work over plain HTTP", async () => {
    const c = await cookiesUnder({ NODE_ENV: "production", COOKIE_SECURE: "false", SESSION_SECRET: "s".repeat(32) });
    expect(c.session).not.toMatch(/Secure/i);
    expect(c.language).not.toMatch(/Secure/i);
    expect(c.csrfSecure).toBe(false);
  });

  it("the old separate setting no longer exists", async () => {
    const c = await cookiesUnder({ NODE_ENV: "production", COOKIE_SECURE: undefined, INSECURE_COOKIES: "1", SESSION_SECRET: "s".repeat(32) });
    expect(c.language).toMatch(/;\s*Secure/i);
    delete process.env.INSECURE_COOKIES;
  });
});
