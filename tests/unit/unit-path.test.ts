import { describe, expect, it } from "vitest";
import { childPath, isInSubtree, pathIds, subtreeUpperBound } from "~/utils/unit-path";

describe("unit paths", () => {
  it("builds a child's path from its parent's", () => {
    expect(childPath(null, 1)).toBe("/1/");
    expect(childPath("/1/4/", 17)).toBe("/1/4/17/");
  });

  it("bounds a subtree so that unit 1 does not swallow unit 10", () => {
    const lower = "/1/";
    const upper = subtreeUpperBound(lower);
    const inRange = (p: string) => p >= lower && p < upper;
    expect(inRange("/1/")).toBe(true);
    expect(inRange("/1/5/")).toBe(true);
    expect(inRange("/1/99/123/")).toBe(true);
    expect(inRange("/10/")).toBe(false);
    expect(inRange("/12/3/")).toBe(false);
    expect(inRange("/2/")).toBe(false);
  });

  it("agrees with the prefix test", () => {
    expect(isInSubtree("/1/4/", "/1/4/17/")).toBe(true);
    expect(isInSubtree("/1/4/", "/1/40/")).toBe(false);
    expect(pathIds("/1/4/17/")).toEqual([1, 4, 17]);
  });
});
