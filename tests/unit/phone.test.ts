import { describe, expect, it } from "vitest";
import { LoginSchema } from "~/utils/forms";
import { isVietnameseMobile, normalizePhone } from "~/utils/phone";

describe("Vietnamese mobile numbers", () => {
  it("normalises what people type", () => {
    expect(normalizePhone("0912 345 678")).toBe("0912345678");
    expect(normalizePhone("+84 912.345.678")).toBe("0912345678");
    expect(normalizePhone("84912345678")).toBe("0912345678");
  });

  it("accepts mobile prefixes and refuses the rest", () => {
    for (const ok of ["0912345678", "0388000001", "0563456789", "0701234567", "0861234567"]) expect(isVietnameseMobile(ok)).toBe(true);
    for (const bad of ["091234567", "09123456789", "0212345678", "1912345678", "09a2345678", ""]) expect(isVietnameseMobile(bad)).toBe(false);
  });

  it("gives translation keys as errors", () => {
    const empty = LoginSchema.safeParse({ phone: "", password: "" });
    expect(empty.success).toBe(false);
    const messages = empty.error!.issues.map((i) => i.message);
    expect(messages).toContain("errors.phoneRequired");
    expect(messages).toContain("errors.passwordRequired");
    const bad = LoginSchema.safeParse({ phone: "12345", password: "x" });
    expect(bad.error!.issues[0].message).toBe("errors.phoneInvalid");
  });
});
