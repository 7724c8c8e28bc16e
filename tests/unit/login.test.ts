import { beforeAll, describe, expect, it } from "vitest";
import * as password from "~/utils/password.server";
import { vi } from "vitest";
import { MAX_FAILURES_PER_IP, MAX_FAILURES_PER_PHONE, SIGN_IN_WINDOW_MINUTES, releaseTry, reserveTry, signInLimits } from "~/models/rate-limit.server";
import { action as loginAction } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { PASSWORD, createUser } from "../support/fixtures";

function loginRequest(fields: Record<string, string>) {
  return new Request("http://localhost/login", { method: "POST", body: new URLSearchParams(fields) });
}

async function submit(fields: Record<string, string>, clientIp = "10.0.0.1") {
  return loginAction({ request: loginRequest(fields), context: { clientIp }, params: {} });
}

let phone: string;
beforeAll(async () => {
  await prisma.unitLevel.create({ data: { key: "province", rank: 0, nameVi: "Tỉnh", nameEn: "Province" } });
  phone = (await createUser({ name: "Đăng Nhập" })).phone;
});

describe("sign-in", () => {
  it("signs in with the right phone and password, in any common spelling of the number", async () => {
    const spaced = `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
    const response = await submit({ phone: spaced, password: PASSWORD });
    expect(response.status).toBe(302);
    const cookies = response.headers.get("Set-Cookie") ?? "";
    expect(cookies).toContain("kns_session=");
    expect(cookies).toMatch(/HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password and records the failure", async () => {
    const response = await submit({ phone, password: "wrong" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.formError?.key).toBe("errors.wrongCredentials");
    expect(await prisma.rateLimitHit.count({ where: { key: `phone:${phone}` } })).toBe(1);
  });

  it("refuses a malformed form without touching the database", async () => {
    const before = await prisma.rateLimitHit.count();
    const response = await submit({ phone: "abc", password: "" });
    expect(response.status).toBe(400);
    expect(await prisma.rateLimitHit.count()).toBe(before);
  });

  it("a right password clears the phone's failures", async () => {
    await submit({ phone, password: PASSWORD });
    expect(await prisma.rateLimitHit.count({ where: { key: `phone:${phone}` } })).toBe(0);
  });
});

/** How long this phone and address would wait now, without leaving a try behind. */
async function waitFor(phone: string, ip: string, now = new Date()) {
  const reservation = await reserveTry(signInLimits(phone, ip), now);
  if (reservation.wait === 0) await releaseTry(reservation);
  return reservation.wait;
}

describe("throttling", () => {
  it("blocks a phone after repeated failures, even with the right password, then lets it in after the window", async () => {
    const victim = (await createUser({})).phone;
    for (let i = 0; i < MAX_FAILURES_PER_PHONE; i++) await submit({ phone: victim, password: `guess-${i}` }, `10.0.1.${i}`);
    const blocked = await submit({ phone: victim, password: PASSWORD }, "10.0.2.1");
    expect(blocked.status).toBe(429);
    const body = await blocked.json();
    expect(body.formError?.key).toBe("errors.throttled");
    expect(body.formError?.minutes).toBeGreaterThan(0);
    expect(body.formError?.minutes).toBeLessThanOrEqual(SIGN_IN_WINDOW_MINUTES);
    // Another account is not affected.
    expect(await waitFor(phone, "10.0.2.1")).toBe(0);
    const later = new Date(Date.now() + (SIGN_IN_WINDOW_MINUTES + 1) * 60_000);
    expect(await waitFor(victim, "10.0.2.1", later)).toBe(0);
  });

  it("blocks an address that tries many accounts", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await reserveTry(signInLimits(`09${String(70000000 + i)}`, ip));
    expect(await waitFor("0911111111", ip)).toBeGreaterThan(0);
    expect(await waitFor("0911111111", "10.9.9.8")).toBe(0);
    const response = await submit({ phone, password: PASSWORD }, ip);
    expect(response.status).toBe(429);
  });
});

describe("throttling under parallel tries", () => {
  it("200 wrong passwords sent at once for one phone check the hash at most 5 times", async () => {
    const target = (await createUser({})).phone;
    const verify = vi.spyOn(password, "verifyPassword");
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => submit({ phone: target, password: `guess-${i}` }, `10.3.${i % 250}.${i % 7}`)));
    const checked = verify.mock.calls.length;
    verify.mockRestore();
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_PHONE);
    expect(responses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(200 - MAX_FAILURES_PER_PHONE);
    // Even the right password waits now, as after five failures in a row.
    expect((await submit({ phone: target, password: PASSWORD }, "10.4.0.1")).status).toBe(429);
  });
});
