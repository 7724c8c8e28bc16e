// The xAPI 1.0.3 validator (app/xapi/validate.ts): statements the specification
// accepts pass; each rule an LRS must enforce (and the two SHOULDs the site
// keeps: no extra properties, timestamps with a zone) is refused with its path.
import { describe, expect, it } from "vitest";
import { isDuration, isIri, isLanguageTag, isTimestamp, validateStatement } from "~/xapi/validate";

const base = () => ({
  id: "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
  actor: { objectType: "Agent", account: { homePage: "https://kynangso.example.vn/", name: "3f2a9c" } },
  verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "vi-VN": "đã hoàn thành", "en-US": "completed" } },
  object: {
    objectType: "Activity",
    id: "https://kynangso.example.vn/lessons/vneid-install",
    definition: { type: "http://adlnet.gov/expapi/activities/lesson", name: { "vi-VN": "Cài đặt VNeID", "en-US": "Installing VNeID" } },
  },
  result: { score: { scaled: 0.8, raw: 4, min: 0, max: 5 }, success: true, completion: true, duration: "PT12M30S" },
  context: {
    instructor: { objectType: "Agent", account: { homePage: "https://kynangso.example.vn/", name: "7be1" } },
    contextActivities: { parent: [{ id: "https://kynangso.example.vn/lessons#topic-vneid" }], grouping: { id: "https://kynangso.example.vn/lessons" } },
    platform: "Kỹ Năng Số",
    language: "vi-VN",
    extensions: { "https://kynangso.example.vn/xapi/extensions/unit-path": [{ code: "QNA", name: null }] },
  },
  timestamp: "2026-11-30T08:00:00.000+07:00",
});

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The problems of the base statement after a change. */
function problemsAfter(change: (s: Mutable) => void) {
  const statement = base() as Mutable;
  change(statement);
  return validateStatement(statement).problems;
}

describe("statements the specification accepts", () => {
  it("a full statement of the site's shape", () => {
    expect(validateStatement(base())).toEqual({ valid: true, problems: [] });
  });

  it("the specification's simplest statement (mbox actor, no id, no timestamp)", () => {
    const simplest = {
      actor: { mbox: "mailto:xapi@adlnet.gov" },
      verb: { id: "http://adlnet.gov/expapi/verbs/created", display: { "en-US": "created" } },
      object: { id: "http://example.adlnet.gov/xapi/example/activity" },
    };
    expect(validateStatement(simplest).problems).toEqual([]);
  });

  it("groups, agents as objects, voiding, SubStatements and interactions", () => {
    const valid = [
      { ...base(), actor: { objectType: "Group", member: [{ mbox_sha1sum: "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }] } },
      { ...base(), actor: { objectType: "Group", name: "Tổ Phú Lộc", account: { homePage: "https://kynangso.example.vn/", name: "team-7" } } },
      { ...base(), object: { objectType: "Agent", openid: "https://openid.example.org/x" }, result: undefined, context: undefined },
      {
        actor: base().actor,
        verb: { id: "http://adlnet.gov/expapi/verbs/voided", display: { "en-US": "voided" } },
        object: { objectType: "StatementRef", id: "e05aa883-acaf-40ad-bf54-02c8ce485fb0" },
        timestamp: "2026-11-30T01:00:00Z",
      },
      {
        actor: base().actor,
        verb: { id: "http://example.com/planned" },
        object: { objectType: "SubStatement", actor: base().actor, verb: { id: "http://example.com/visited" }, object: { id: "http://example.com/website" } },
      },
      {
        ...base(),
        object: {
          id: "https://kynangso.example.vn/lessons/vneid-install#quiz/q1",
          definition: {
            interactionType: "choice",
            correctResponsesPattern: ["b"],
            choices: [
              { id: "a", description: { "vi-VN": "Có" } },
              { id: "b", description: { "vi-VN": "Không" } },
            ],
          },
        },
      },
    ].map((s) => JSON.parse(JSON.stringify(s)));
    for (const statement of valid) expect(validateStatement(statement).problems).toEqual([]);
  });
});

describe("statements an LRS must refuse", () => {
  const cases: Array<[string, (s: Mutable) => void, RegExp]> = [
    ["no actor", (s) => delete s.actor, /^actor: is required/],
    ["no verb", (s) => delete s.verb, /^verb: is required/],
    ["no object", (s) => delete s.object, /^object: is required/],
    ["an unknown property", (s) => (s.score = 1), /^score: is not a property allowed here/],
    ["a mis-cased property", (s) => ((s.Actor = s.actor), delete s.actor), /^Actor: wrong case/],
    ["a null value", (s) => (s.result.response = null), /^result\.response: must not be null/],
    ["an id that is not a UUID", (s) => (s.id = "attempt-17"), /^id: must be a UUID/],
    ["an agent with two identifiers", (s) => (s.actor.mbox = "mailto:a@b.vn"), /^actor: an Agent needs exactly one identifier.*found 2/],
    ["an agent with none", (s) => delete s.actor.account, /^actor: an Agent needs exactly one identifier.*found 0/],
    ["an account without a home page", (s) => delete s.actor.account.homePage, /^actor\.account\.homePage: is required/],
    ["an account home page that is not an address", (s) => (s.actor.account.homePage = "kynangso"), /^actor\.account\.homePage: must be an IRL/],
    ["an mbox without mailto", (s) => (s.actor = { mbox: "a@b.vn" }), /^actor\.mbox: must be "mailto:"/],
    ["a verb id without a scheme", (s) => (s.verb.id = "adlnet.gov/expapi/verbs/completed"), /^verb\.id: must be an IRI/],
    ["a verb id with a space", (s) => (s.verb.id = "http://example.com/has space"), /^verb\.id: must be an IRI/],
    ["a language tag with an underscore", (s) => (s.verb.display = { en_US: "completed" }), /^verb\.display\.en_US: is not an RFC 5646 language tag/],
    ["a language map value that is not text", (s) => (s.object.definition.name["vi-VN"] = 5), /must be a string/],
    ["a timestamp without a zone", (s) => (s.timestamp = "2026-11-30T08:00:00.000"), /^timestamp: must be an ISO 8601 timestamp with a time zone/],
    ["a day that does not exist", (s) => (s.timestamp = "2026-02-30T08:00:00Z"), /^timestamp:/],
    ["a scaled score above 1", (s) => (s.result.score.scaled = 1.5), /^result\.score\.scaled: must lie between -1 and 1/],
    ["a raw score above max", (s) => (s.result.score.raw = 6), /^result\.score\.raw: must lie between min and max/],
    ["min not below max", (s) => (s.result.score.min = 5), /^result\.score: min must be less than max/],
    ["a score given as text", (s) => (s.result.score.raw = "4"), /^result\.score\.raw: must be a number/],
    ["success given as text", (s) => (s.result.success = "true"), /^result\.success: must be true or false/],
    ["a duration in another format", (s) => (s.result.duration = "00:12:30"), /^result\.duration: must be an ISO 8601 duration/],
    ["voiding an activity", (s) => (s.verb.id = "http://adlnet.gov/expapi/verbs/voided"), /^object: a voiding statement's object must be a StatementRef/],
    [
      "a platform when the object is not an activity",
      (s) => ((s.object = { objectType: "StatementRef", id: "e05aa883-acaf-40ad-bf54-02c8ce485fb0" }), delete s.result),
      /^context\.platform: is only allowed when the object is an Activity/,
    ],
    [
      "an unknown kind of context activity",
      (s) => (s.context.contextActivities.parents = []),
      /^context\.contextActivities\.parents: is not a property allowed here/,
    ],
    ["an extension key that is not an IRI", (s) => (s.context.extensions = { unitPath: [] }), /extension keys must be IRIs/],
    ["an unknown object type", (s) => (s.object.objectType = "activity"), /^object\.objectType: must be Activity, Agent, Group/],
    ["an agent as object without objectType", (s) => (s.object = { mbox: "mailto:a@b.vn" }), /^object\.id: is required/],
    ["a context language that is not a tag", (s) => (s.context.language = "vietnamese!"), /^context\.language: is not an RFC 5646 language tag/],
    ["an anonymous group without members", (s) => (s.actor = { objectType: "Group", name: "Tổ" }), /^actor\.member: an anonymous Group must list its members/],
    [
      "a group inside a group",
      (s) => (s.actor = { objectType: "Group", member: [{ objectType: "Group", member: [] }] }),
      /^actor\.member\[0\]: a Group cannot contain a Group/,
    ],
    ["a version other than 1.0.x", (s) => (s.version = "2.0.0"), /^version: must start with "1.0."/],
    [
      "a SubStatement with its own id",
      (s) => (s.object = { objectType: "SubStatement", id: s.id, actor: s.actor, verb: s.verb, object: { id: "http://example.com/a" } }),
      /^object\.id: is not allowed in a SubStatement/,
    ],
    [
      "a SubStatement inside a SubStatement",
      (s) =>
        (s.object = {
          objectType: "SubStatement",
          actor: s.actor,
          verb: s.verb,
          object: { objectType: "SubStatement", actor: s.actor, verb: s.verb, object: { id: "http://e.x/a" } },
        }),
      /^object\.object: a SubStatement cannot contain another SubStatement/,
    ],
    [
      "interaction components on the wrong interaction type",
      (s) => (s.object.definition = { interactionType: "true-false", choices: [{ id: "a" }] }),
      /^object\.definition\.choices: is not allowed for interactionType "true-false"/,
    ],
    [
      "two components with the same id",
      (s) => (s.object.definition = { interactionType: "choice", choices: [{ id: "a" }, { id: "a" }] }),
      /^object\.definition\.choices\[1\]\.id: must be distinct/,
    ],
    [
      "an attachment without its hash",
      (s) =>
        (s.attachments = [
          { usageType: "http://id.tincanapi.com/attachment/certificate", display: { "en-US": "Certificate" }, contentType: "application/pdf", length: 10 },
        ]),
      /^attachments\[0\]\.sha2: is required/,
    ],
    ["not an object at all", (s) => (s.actor = "0912345678"), /^actor: must be an object/],
  ];

  for (const [name, change, expected] of cases) {
    it(name, () => {
      const problems = problemsAfter(change);
      expect(
        problems.some((p) => expected.test(p)),
        problems.join("\n") || "no problem found",
      ).toBe(true);
      expect(
        validateStatement(
          (() => {
            const s = base() as Mutable;
            change(s);
            return s;
          })(),
        ).valid,
      ).toBe(false);
    });
  }

  it("refuses what is not a statement", () => {
    for (const value of [null, "statement", 42, [], [base()]]) expect(validateStatement(value).valid).toBe(false);
  });
});

describe("formats", () => {
  it("language tags", () => {
    for (const tag of ["vi", "vi-VN", "en-US", "zh-Hant-TW", "es-419", "de-CH-1901", "en-US-x-twain", "x-whatever", "i-klingon", "sgn-BE-FR"])
      expect(isLanguageTag(tag), tag).toBe(true);
    for (const tag of ["", "english-", "en_US", "e", "en--US", "toolonglanguage", "vi VN"]) expect(isLanguageTag(tag), tag).toBe(false);
  });

  it("IRIs", () => {
    for (const iri of [
      "http://adlnet.gov/expapi/verbs/passed",
      "https://kynangso.example.vn/lessons/a#quiz",
      "urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
      "https://ví-dụ.vn/bài-học",
    ])
      expect(isIri(iri), iri).toBe(true);
    for (const iri of ["", "/lessons/a", "lessons", "http://a b", "http://a/<b>", "1http://a"]) expect(isIri(iri), iri).toBe(false);
  });

  it("timestamps", () => {
    for (const t of ["2026-11-30T08:00:00.000+07:00", "2026-11-30T01:00:00Z", "2024-02-29T23:59:59.123456-05:30"]) expect(isTimestamp(t), t).toBe(true);
    for (const t of ["2026-11-30", "2026-11-30 08:00:00Z", "2026-11-30T08:00:00", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-30T24:00:00Z"])
      expect(isTimestamp(t), t).toBe(false);
  });

  it("durations", () => {
    for (const d of ["PT12M30S", "P1D", "P1Y2M3DT4H5M6.5S", "PT0.01S", "P2W"]) expect(isDuration(d), d).toBe(true);
    for (const d of ["P", "PT", "12M", "P1H", "PT1D", "P0001-02-03T04:05:06"]) expect(isDuration(d), d).toBe(false);
  });
});
