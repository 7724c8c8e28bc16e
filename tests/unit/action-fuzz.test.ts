/// <reference types="vite/client" />
// Every action in the app, posted malformed bodies by every kind of user: the
// answer is never a 500 and nothing is written. New routes are picked up
// automatically (import.meta.glob), so a new action is fuzzed from day one.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/content/course.server";
import { prisma } from "~/utils/db.server";
import { guardAction } from "~/utils/request-guard.server";
import { buildWorld, requestAs } from "../support/fixtures";
import { writeCounter } from "../support/write-counter";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

type RouteModule = Parameters<typeof guardAction>[0];
const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const withActions = Object.entries(modules)
  .filter(([, m]) => typeof m.action === "function")
  .map(([file, m]) => ({ file: path.basename(file, ".tsx"), module: m }));

// Actions whose whole purpose is a write any well-formed POST asks for: signing
// out ends the session whatever the body says.
const WRITES_ON_ANY_POST = new Set(["logout"]);

const LONG = "x".repeat(1001); // past every short text limit (notes: 1,000)
const LONGEST = "x".repeat(5001); // past the report sections' 5,000
/** Values an attacker tries in every field: wrong types, out of range, impossible dates, very long text. */
const BAD_FIELDS: Record<string, string> = {
  id: "abc",
  memberId: "1e309",
  userId: "-1",
  teamId: "99999999999",
  unitId: "1e309",
  teamIds: "NaN",
  skillKey: LONG,
  signed: "maybe",
  date: "2026-02-30",
  time: "25:99",
  durationMinutes: "1e309",
  count: "1e309",
  "residents-guided": "-5",
  "product-online": "1",
  productName: LONG,
  title: LONG,
  place: LONG,
  note: LONG,
  name: "",
  code: "<script>",
  households: "-5",
  phone: "abc",
  password: LONG,
  role: "root",
  status: "bogus",
  remark: LONG,
  markedAt: "9999-12-31T00:00:00Z",
  language: "xx",
  redirectTo: "//evil.example",
  kind: "passwords",
  difficulties: LONGEST,
  causes: LONGEST,
  proposals: LONGEST,
  plan: LONGEST,
  q1: "z",
  zaloGroups: "1e309",
  stars: "7",
  online: "maybe",
  marketplaces: LONG,
  intro: LONGEST,
  issuer: "",
  symbol: "<script>",
  recipients: LONGEST,
  signerPosition: LONGEST,
  signerName: LONG,
};
const INTENTS = [
  "",
  "rename",
  "households",
  "addChild",
  "addTeam",
  "move",
  "merge",
  "addMember",
  "edit",
  "role",
  "walk-in",
  "skill",
  "update",
  "delete",
  "add",
  "zalo",
  "bogus",
];

function bodies(): Array<{ name: string; init: RequestInit }> {
  const form = (intent: string) => {
    const data = new URLSearchParams(BAD_FIELDS);
    if (intent) data.set("intent", intent);
    return data;
  };
  return [
    { name: "JSON to a form", init: { headers: { "Content-Type": "application/json" }, body: '{"intent":"edit","id":1e309,"marks":[{"userId":"x"}]}' } },
    { name: "broken JSON", init: { headers: { "Content-Type": "application/json" }, body: '{"attempts":[' } },
    {
      name: "truncated multipart",
      init: { headers: { "Content-Type": "multipart/form-data; boundary=XX" }, body: '--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\nre' },
    },
    { name: "no content type", init: { body: "intent=rename&name=" } },
    ...INTENTS.map((intent) => ({ name: `form, intent "${intent}"`, init: { body: form(intent) } })),
  ];
}

let world: Awaited<ReturnType<typeof buildWorld>>;
let params: Record<string, string>;

beforeAll(async () => {
  // Loading the course the first time stores its lessons: done before anything is measured.
  await getCourse();
  world = await buildWorld();
  const session = await prisma.trainingSession.create({
    data: {
      unitId: world.units.communeA.id,
      title: "Buổi thử",
      startsAt: new Date(Date.now() - 3600_000),
      place: "Nhà văn hóa",
      createdById: world.staff.trainerA.id,
    },
  });
  await prisma.sessionInvitee.createMany({ data: world.members.a1.map((m) => ({ sessionId: session.id, userId: m.id })) });
  // An upload with problems: committing it writes nothing.
  const batch = await prisma.importBatch.create({
    data: { kind: "members", fileName: "bad.csv", content: Buffer.from("x"), createdById: world.staff.admin.id, scopeUnitId: world.units.province.id },
  });
  params = {
    id: String(session.id),
    unitId: String(world.units.communeA.id),
    memberId: String(world.members.a1[0].id),
    teamId: String(world.teams.villageA1.id),
    importId: String(batch.id),
    slug: "demo-basics",
    kind: "members",
  };
  dataVersion = await writeCounter();
});

/** Writes to the database from any connection (Prisma's included) move this number. */
let dataVersion: () => Promise<number>;

function fuzzRequest(userId: number | null, init: RequestInit) {
  return requestAs(userId, "http://localhost/fuzz", {
    method: "POST",
    ...init,
    headers: { "Sec-Fetch-Site": "same-origin", ...(init.headers as Record<string, string>) },
  });
}

async function post(module: RouteModule, request: Request, routeParams: Record<string, string>) {
  try {
    const result = await guardAction(module)!({ request, params: routeParams, context: { clientIp: "10.9.0.1" } });
    return result instanceof Response ? result.status : 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    return `threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
  }
}

describe("every action under malformed input", () => {
  it("finds the app's actions", () => {
    expect(withActions.length).toBeGreaterThanOrEqual(15);
  });

  for (const { file, module } of withActions) {
    it(`${file}: never 500, never a write`, async () => {
      const users = [null, world.members.a1[0].id, world.staff.trainerA.id, world.staff.supervisorA.id, world.staff.admin.id];
      const badParams = Object.fromEntries(Object.keys(params).map((k) => [k, k === "slug" || k === "kind" ? "../../etc" : "1e309"]));
      const failures: string[] = [];
      for (const userId of users) {
        for (const routeParams of [params, badParams]) {
          for (const body of bodies()) {
            // The sign-in session made for the request is the test's own write: made before measuring.
            const request = await fuzzRequest(userId, body.init);
            const before = await dataVersion();
            const status = await post(module, request, routeParams);
            const after = await dataVersion();
            if (typeof status !== "number" || status >= 500) failures.push(`${body.name} as ${userId}: ${status}`);
            else if (!WRITES_ON_ANY_POST.has(file) && after !== before) failures.push(`${body.name} as ${userId} (${status}): wrote to the database`);
          }
        }
      }
      expect(failures).toEqual([]);
    }, 60_000);
  }
});
