// Numbers in the reader's language (app/utils/numbers.ts), the one formatter of
// pages, printouts and files: an English page must not show Vietnamese separators
// (the LRS counts on the admin page did, written with "vi-VN" whatever the language).
import { describe, expect, it } from "vitest";
import { formatCount, formatShare } from "~/utils/numbers";

describe("numbers in the reader's language", () => {
  it("counts group thousands with a dot in Vietnamese and a comma in English", () => {
    expect(formatCount(1234567, "vi")).toBe("1.234.567");
    expect(formatCount(1234567, "en")).toBe("1,234,567");
    expect(formatCount(0, "en")).toBe("0");
  });

  it("shares are percents to one decimal, with the language's decimal mark; nothing to divide by is a dash", () => {
    expect(formatShare(1 / 3, "vi")).toBe("33,3%");
    expect(formatShare(1 / 3, "en")).toBe("33.3%");
    expect(formatShare(1, "vi")).toBe("100%");
    expect(formatShare(null, "en")).toBe("–");
  });

  it("a language the site does not speak falls back to Vietnamese, the source language", () => {
    expect(formatCount(1234, "fr")).toBe(formatCount(1234, "vi"));
  });
});
