import { beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_IP, MAX_FAILURES_PER_PHONE, THROTTLE_WINDOW_MINUTES, recordFailure, throttledFor } from "~/models/login-throttle.server";
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
    expect(await prisma.loginFailure.count({ where: { key: `phone:${phone}` } })).toBe(1);
  });

  it("refuses a malformed form without touching the database", async () => {
    const before = await prisma.loginFailure.count();
    const response = await submit({ phone: "abc", password: "" });
    expect(response.status).toBe(400);
    expect(await prisma.loginFailure.count()).toBe(before);
  });

  it("a right password clears the phone's failures", async () => {
    await submit({ phone, password: PASSWORD });
    expect(await prisma.loginFailure.count({ where: { key: `phone:${phone}` } })).toBe(0);
  });
});

describe("throttling", () => {
  it("blocks a phone after repeated failures, even with the right password, then lets it in after the window", async () => {
    const victim = (await createUser({})).phone;
    for (let i = 0; i < MAX_FAILURES_PER_PHONE; i++) await submit({ phone: victim, password: `guess-${i}` }, `10.0.1.${i}`);
    const blocked = await submit({ phone: victim, password: PASSWORD }, "10.0.2.1");
    expect(blocked.status).toBe(429);
    const body = await blocked.json();
    expect(body.formError?.key).toBe("errors.throttled");
    expect(body.formError?.minutes).toBeGreaterThan(0);
    expect(body.formError?.minutes).toBeLessThanOrEqual(THROTTLE_WINDOW_MINUTES);
    // Another account is not affected.
    expect(await throttledFor(phone, "10.0.2.1")).toBe(0);
    const later = new Date(Date.now() + (THROTTLE_WINDOW_MINUTES + 1) * 60_000);
    expect(await throttledFor(victim, "10.0.2.1", later)).toBe(0);
  });

  it("blocks an address that tries many accounts", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await recordFailure(`09${String(70000000 + i)}`, ip);
    expect(await throttledFor("0911111111", ip)).toBeGreaterThan(0);
    expect(await throttledFor("0911111111", "10.9.9.8")).toBe(0);
    const response = await submit({ phone, password: PASSWORD }, ip);
    expect(response.status).toBe(429);
  });
});
