// Guidance events for residents (issue 18): stored once per id, their counts
// are lines of the daily results log (counted once), all or nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { action as syncAction } from "~/routes/api.sync.events";
import { recordEvent } from "~/models/guidance-event.server";
import { deleteResult, updateResult } from "~/models/field-result.server";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { buildWorld, requestAs } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let member: SessionUser;
const now = new Date("2026-11-23T05:00:00Z");
const month = (unitId: number) => prisma.unitMonthStat.findUnique({ where: { unitId_month: { unitId, month: "2026-11" } } });
const event = (sheet: string, extra: Record<string, unknown> = {}) => ({
  sheet,
  date: "2026-11-22",
  place: "village-hall",
  skills: ["vneid"],
  partners: ["post-office"],
  residents: "30",
  vneidLevel1: "",
  vneidLevel2: "12",
  publicAccounts: "5",
  paymentAccounts: "0",
  note: "Mỗi đêm 1 giờ",
  ...extra,
});

beforeAll(async () => {
  world = await buildWorld();
  member = await requireUser(await requestAs(world.members.a1[0].id));
});

describe("guidance events", () => {
  it("refuses bad input with a message and stores nothing", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ sheet: "short" }, "events.errors.sheet"],
      [{ date: "2026-02-30" }, "events.errors.date"],
      [{ date: "2026-11-24" }, "events.errors.future"],
      [{ date: "2026-09-01" }, "events.errors.tooOld"],
      [{ place: "moon" }, "events.errors.place"],
      [{ skills: [] }, "events.errors.skills"],
      [{ skills: ["vneid", "flying"] }, "events.errors.skills"],
      [{ partners: ["army"] }, "events.errors.partners"],
      [{ residents: "0" }, "events.errors.residents"],
      [{ residents: "1e309" }, "events.errors.count"],
      [{ vneidLevel2: "-3" }, "events.errors.count"],
      [{ residents: "1", vneidLevel2: "9" }, "events.errors.tooManyAccounts"],
      [{ note: "x".repeat(501) }, "events.errors.noteLong"],
    ];
    for (const [change, error] of cases) {
      await expect(recordEvent(member, event("bad-event-0000000000", change), now), error).rejects.toMatchObject({ key: error });
    }
    expect(await prisma.guidanceEvent.count()).toBe(0);
    expect(await prisma.fieldResult.count()).toBe(0);
  });

  it("stores an event once, with its counts as log lines counted up the tree", async () => {
    const first = await recordEvent(member, event("event-one-00000000001"), now);
    expect(first.status).toBe("created");
    // Sent again (the answer was lost, or the phone's queue sends it too): recognised.
    expect(await recordEvent(member, event("event-one-00000000001"), now)).toEqual({ status: "duplicate", id: (first as { id: number }).id });
    const lines = await prisma.fieldResult.findMany({ where: { eventId: (first as { id: number }).id }, orderBy: { kind: "asc" } });
    expect(lines.map((l) => [l.kind, l.count])).toEqual([
      ["public-account", 5],
      ["residents-guided", 30],
      ["vneid-level2", 12],
    ]);
    for (const unit of [world.units.villageA1, world.units.communeA, world.units.province]) {
      expect(await month(unit.id)).toMatchObject({ guidanceEvents: 1, residentsGuided: 30, vneidLevel2: 12, publicAccounts: 5 });
    }
    expect(await month(world.units.communeB.id)).toBeNull();
  });

  it("lets nobody else claim an event id, and keeps event lines out of the log's own edits", async () => {
    const other = await requireUser(await requestAs(world.members.a1[1].id));
    await expect(recordEvent(other, event("event-one-00000000001"), now)).rejects.toMatchObject({ key: "events.errors.sheet" });
    const line = await prisma.fieldResult.findFirstOrThrow({ where: { eventId: { not: null }, kind: "residents-guided" } });
    await expect(updateResult(member, line.id, { count: 1 }, now)).rejects.toMatchObject({ key: "results.errors.fromEvent" });
    await expect(deleteResult(member, line.id, now)).rejects.toMatchObject({ key: "results.errors.fromEvent" });
    expect(await month(world.units.province.id)).toMatchObject({ residentsGuided: 30 });
  });

  it("syncs a phone's queue: each event once, a bad one refused alone, another member's left waiting", async () => {
    const post = async (events: unknown[]) => {
      const request = await requestAs(member.id, "http://localhost/api/sync/events", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
        body: JSON.stringify({ events }),
      });
      const response = (await syncAction({ request, params: {}, context: {} })) as Response;
      return { status: response.status, body: (await response.json()) as { results: Array<{ id: string; status: string }> } };
    };
    const today = new Date().toISOString().slice(0, 10);
    const { status, body } = await post([
      { userId: member.id, event: event("event-two-00000000002", { date: today }) },
      { userId: member.id, event: event("event-one-00000000001") },
      { userId: member.id, event: event("event-bad-0000000003", { date: today, residents: "0" }) },
      { userId: world.members.a1[1].id, event: event("event-four-000000004", { date: today }) },
    ]);
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual(["synced", "duplicate", "rejected", "other-user"]);
    expect(await prisma.guidanceEvent.count()).toBe(2);
    expect((await post([{ userId: member.id, event: event("event-two-00000000002", { date: today }) }])).body.results[0].status).toBe("duplicate");
    expect(await prisma.guidanceEvent.count()).toBe(2);
  });
});
