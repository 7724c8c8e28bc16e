// The statement builder (app/xapi/statements.ts): one statement per kind of
// fact, each valid xAPI 1.0.3, with a stable id, a pseudonymous actor, ADL
// verbs, activity ids under the site, both languages, the unit path and a
// timestamp with its zone.
import { describe, expect, it } from "vitest";
import { toVietnamIso } from "~/utils/time";
import {
  attemptStatement,
  attendanceStatement,
  buildStatement,
  completionStatement,
  factKey,
  skillStatement,
  statementId,
  voidStatement,
  type AttemptFact,
  type AttendanceFact,
  type CompletionFact,
  type Fact,
  type Site,
  type SkillFact,
} from "~/xapi/statements";
import { URL_NAMESPACE, uuidV5 } from "~/xapi/uuid";
import { validateStatement } from "~/xapi/validate";

const ORIGIN = "https://kynangso.example.vn";
const site: Site = { origin: ORIGIN, actorName: (id) => `pseudonym-${id}` };
const units = [
  { code: "QNA", name: "Tỉnh Quảng Nam", level: "province" },
  { code: "QNA-DTH", name: "Xã Đại Thạnh", level: "commune" },
  { code: "QNA-DTH-03", name: "Thôn Phú Lộc", level: "village" },
];
const topic = { id: "vneid", title: { vi: "VNeID – Định danh điện tử", en: "VNeID – electronic identity" } };
const lesson = { slug: "vneid-install", title: { vi: "Cài đặt VNeID", en: "Installing VNeID" }, topic };
const session = { id: 12, title: "Tập huấn VNeID", startsAt: new Date("2026-11-20T01:00:00Z") };

const attempt: AttemptFact = {
  kind: "attempt",
  id: 17,
  userId: 5,
  units,
  lesson,
  correct: 4,
  total: 5,
  score: 80,
  passed: true,
  language: "vi",
  at: new Date("2026-11-30T13:15:30.250Z"),
};
const completion: CompletionFact = {
  kind: "completion",
  id: 9,
  userId: 5,
  units,
  lesson,
  method: "in-person",
  at: session.startsAt,
  session,
  recordedBy: 4,
};
const attendance: AttendanceFact = { kind: "attendance", id: 3, userId: 5, units, attendedSince: new Date("2026-11-20T01:05:00Z"), session, markedBy: 4 };
const skill: SkillFact = {
  kind: "skill",
  id: 2,
  userId: 5,
  units,
  skill: { key: "qr-payment", title: { vi: "Thanh toán bằng mã VietQR", en: "Paid by VietQR" }, topic: null },
  at: new Date("2026-11-20T03:00:00Z"),
  signedBy: 4,
  session,
};

function expectValid(statement: unknown) {
  const result = validateStatement(statement);
  expect(result.problems).toEqual([]);
  expect(result.valid).toBe(true);
}

describe("UUID v5", () => {
  it("matches RFC 4122 (the values Python's uuid.uuid5 gives)", () => {
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    expect(uuidV5("https://kynangso.example.vn/", URL_NAMESPACE)).toBe("12de7533-d05c-50a2-a158-faa658432f93");
    expect(uuidV5("Bài học: Cài VNeID ✓", "1b671a64-40d5-491e-99b0-da01ff1f3341")).toBe("30b70e39-b6c1-56a8-a73c-e89e04537a4d");
  });

  it("derives statement ids from the site and the fact key", () => {
    expect(statementId(ORIGIN, "attempt/17")).toBe("9e524634-ed41-59ae-aaa5-4893cee53154");
    expect(statementId(ORIGIN, "void/attempt/17")).toBe("c9cff10a-a799-5dc4-92e5-10e3d5bdc759");
    // Another installation's attempt 17 is another statement.
    expect(statementId("https://other.example.vn", "attempt/17")).toBe("9e7f4065-7c54-54f1-b944-493a51db1d1d");
  });
});

describe("the statement of each kind of fact", () => {
  it("a quiz passed: ADL passed, score, the quiz as an assessment inside its lesson, topic and course", () => {
    const s = attemptStatement(site, attempt);
    expectValid(s);
    expect(s.id).toBe(statementId(ORIGIN, "attempt/17"));
    expect(s.actor).toEqual({ objectType: "Agent", account: { homePage: `${ORIGIN}/`, name: "pseudonym-5" } });
    expect(s.verb).toEqual({ id: "http://adlnet.gov/expapi/verbs/passed", display: { "vi-VN": "đã đạt", "en-US": "passed" } });
    expect(s.object).toEqual({
      objectType: "Activity",
      id: `${ORIGIN}/lessons/vneid-install#quiz`,
      definition: {
        type: "http://adlnet.gov/expapi/activities/assessment",
        name: { "vi-VN": "Bài kiểm tra: Cài đặt VNeID", "en-US": "Quiz: Installing VNeID" },
      },
    });
    expect(s.result).toEqual({ score: { scaled: 0.8, raw: 4, min: 0, max: 5 }, success: true, completion: true });
    expect(s.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([`${ORIGIN}/lessons/vneid-install`]);
    expect(s.context?.contextActivities?.grouping?.map((a) => a.id)).toEqual([`${ORIGIN}/lessons#topic-vneid`, `${ORIGIN}/lessons`]);
    expect(s.context?.language).toBe("vi-VN");
    expect(s.context?.platform).toBe("Kỹ Năng Số");
    expect(s.context?.extensions).toEqual({ [`${ORIGIN}/xapi/extensions/unit-path`]: units });
    expect(s.timestamp).toBe("2026-11-30T20:15:30.250+07:00");
    expect(new Date(s.timestamp).getTime()).toBe(attempt.at.getTime());
  });

  it("a quiz failed in English: ADL failed, success false", () => {
    const s = attemptStatement(site, { ...attempt, correct: 2, score: 40, passed: false, language: "en" });
    expectValid(s);
    expect(s.verb.id).toBe("http://adlnet.gov/expapi/verbs/failed");
    expect(s.result).toMatchObject({ success: false, score: { scaled: 0.4, raw: 2 } });
    expect(s.context?.language).toBe("en-US");
  });

  it("a quiz with no questions keeps a valid score (min must stay below max)", () => {
    const s = attemptStatement(site, { ...attempt, correct: 0, total: 0, score: 0, passed: false });
    expectValid(s);
    expect(s.result?.score).toEqual({ scaled: 0 });
  });

  it("a lesson completed in person: ADL completed, the trainer as instructor, the session in context, the method", () => {
    const s = completionStatement(site, completion);
    expectValid(s);
    expect(s.verb.id).toBe("http://adlnet.gov/expapi/verbs/completed");
    expect(s.object).toMatchObject({
      id: `${ORIGIN}/lessons/vneid-install`,
      definition: { type: "http://adlnet.gov/expapi/activities/lesson", name: { "vi-VN": "Cài đặt VNeID", "en-US": "Installing VNeID" } },
    });
    expect(s.result).toEqual({ completion: true });
    expect(s.context?.instructor).toEqual({ objectType: "Agent", account: { homePage: `${ORIGIN}/`, name: "pseudonym-4" } });
    expect(s.context?.contextActivities?.other?.[0]).toMatchObject({
      id: `${ORIGIN}/sessions/12`,
      definition: { type: "http://adlnet.gov/expapi/activities/meeting" },
    });
    expect(s.context?.extensions?.[`${ORIGIN}/xapi/extensions/completion-method`]).toBe("in-person");
  });

  it("a lesson completed by passing its quiz: success, no instructor, no session", () => {
    const s = completionStatement(site, { ...completion, method: "quiz", session: null, recordedBy: null });
    expectValid(s);
    expect(s.result).toEqual({ success: true, completion: true });
    expect(s.context?.instructor).toBeUndefined();
    expect(s.context?.contextActivities?.other).toBeUndefined();
    expect(s.context?.extensions?.[`${ORIGIN}/xapi/extensions/completion-method`]).toBe("quiz");
  });

  it("a session attended: ADL attended, dated at the session's start, named in both languages", () => {
    const s = attendanceStatement(site, attendance);
    expectValid(s);
    expect(s.verb).toEqual({ id: "http://adlnet.gov/expapi/verbs/attended", display: { "vi-VN": "đã tham dự", "en-US": "attended" } });
    expect(s.object).toMatchObject({
      id: `${ORIGIN}/sessions/12`,
      definition: { name: { "vi-VN": "Buổi tập huấn ngày 20/11/2026: Tập huấn VNeID", "en-US": "Training session on 2026-11-20: Tập huấn VNeID" } },
    });
    expect(s.timestamp).toBe(toVietnamIso(session.startsAt));
    expect(s.id).toBe(statementId(ORIGIN, `attendance/3/${attendance.attendedSince.getTime()}`));
  });

  it("a skill signed off: ADL passed on a performance, the trainer as instructor", () => {
    const s = skillStatement(site, skill);
    expectValid(s);
    expect(s.verb.id).toBe("http://adlnet.gov/expapi/verbs/passed");
    expect(s.object).toMatchObject({ id: `${ORIGIN}/skills/qr-payment`, definition: { type: "http://adlnet.gov/expapi/activities/performance" } });
    expect(s.result).toEqual({ success: true });
    expect(s.context?.instructor?.account.name).toBe("pseudonym-4");
  });

  it("a statement taken back: ADL voided, a StatementRef to the voided id, no platform", () => {
    const s = voidStatement(site, { kind: "void", userId: 5, target: "skill/2", at: new Date("2026-11-21T00:00:00Z") });
    expectValid(s);
    expect(s.verb.id).toBe("http://adlnet.gov/expapi/verbs/voided");
    expect(s.object).toEqual({ objectType: "StatementRef", id: skillStatement(site, skill).id });
    expect(s.context?.platform).toBeUndefined();
  });
});

describe("ids and privacy", () => {
  const facts: Fact[] = [attempt, completion, attendance, skill, { kind: "void", userId: 5, target: "attempt/17", at: new Date() }];

  it("the same fact always gives the same statement, byte for byte", () => {
    for (const fact of facts) expect(JSON.stringify(buildStatement(site, fact))).toBe(JSON.stringify(buildStatement(site, structuredClone(fact))));
  });

  it("every fact has its own id, and attendance given again is a new statement", () => {
    const ids = facts.map((f) => buildStatement(site, f).id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = { ...attendance, attendedSince: new Date(attendance.attendedSince.getTime() + 60_000) };
    expect(factKey(again)).not.toBe(factKey(attendance));
    expect(buildStatement(site, again).id).not.toBe(buildStatement(site, attendance).id);
  });

  it("statements name people only by the site's pseudonym", () => {
    for (const fact of facts) {
      const statement = buildStatement({ origin: ORIGIN, actorName: () => "opaque" }, fact);
      const agents = [statement.actor, statement.context?.instructor].filter(Boolean);
      // No display name, no mbox or phone: the account alone.
      for (const a of agents) expect(a).toEqual({ objectType: "Agent", account: { homePage: `${ORIGIN}/`, name: "opaque" } });
      expect(JSON.stringify(statement)).not.toMatch(/09\d{8}|mbox|openid/);
    }
  });
});

describe("time", () => {
  it("writes instants in ISO 8601 with Vietnam's offset, to the millisecond", () => {
    expect(toVietnamIso(new Date("2026-12-31T17:00:00.000Z"))).toBe("2027-01-01T00:00:00.000+07:00");
    expect(toVietnamIso("2026-06-30T16:59:59.999Z")).toBe("2026-06-30T23:59:59.999+07:00");
  });
});
