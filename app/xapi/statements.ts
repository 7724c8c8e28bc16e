// xAPI 1.0.3 statements for what happens on the site: pure functions from a
// fact (read from the database by learning-records.server.ts) to a statement.
//
// - Actor: an account on the site's home page whose name is a pseudonym (an
//   HMAC of the user id, see actorName in learning-records.server.ts): never
//   the phone number or the person's name.
// - Verbs from the ADL vocabulary; activity ids are stable addresses under the
//   site's origin (the pages where the lesson, quiz and session live).
// - Names in Vietnamese and English (the locales' "xapi" keys).
// - The member's unit path (root first) in a context extension.
// - Timestamps in ISO 8601 with Vietnam's offset.
// - The statement id is a UUID v5 of the site and the fact's key, so the same
//   fact always gives the same id, whether exported or pushed, however often.
//
// A new kind of fact is one function here: certificates, when they exist, are
// `certificateStatement(site, fact)` built with `statement()` like the others
// (verb http://id.tincanapi.com/verb/earned or ADL "completed" on the course),
// with a key "certificate/<id>" added to factKey.
import en from "~/locales/en";
import vi from "~/locales/vi";
import { toVietnamIso } from "~/utils/time";
import { TAGS } from "./language-tags";
import { URL_NAMESPACE, uuidV5 } from "./uuid";

export type Bilingual = { vi: string; en: string };
export type Topic = { id: string; title: Bilingual };
export type LessonRef = { slug: string; title: Bilingual; topic: Topic | null };
export type SessionRef = { id: number; title: string; startsAt: Date };
/** One unit on the member's path, from the root (province) down to their team's unit. */
export type UnitOnPath = { code: string; name: string; level: string };

type FactBase = { userId: number; units: UnitOnPath[] };
export type AttemptFact = FactBase & {
  kind: "attempt";
  id: number;
  lesson: LessonRef;
  correct: number;
  total: number;
  /** Whole percent, as graded. */
  score: number;
  passed: boolean;
  language: string;
  at: Date;
};
export type CompletionFact = FactBase & {
  kind: "completion";
  id: number;
  lesson: LessonRef;
  method: "quiz" | "in-person";
  at: Date;
  /** The session it was learnt at and the trainer who recorded it (in person). */
  session: SessionRef | null;
  recordedBy: number | null;
};
export type AttendanceFact = FactBase & {
  kind: "attendance";
  id: number;
  /** When this spell of "attended" began: part of the key, so a mark given again is a new statement. */
  attendedSince: Date;
  session: SessionRef;
  markedBy: number;
};
export type SkillFact = FactBase & {
  kind: "skill";
  id: number;
  skill: { key: string; title: Bilingual; topic: Topic | null };
  at: Date;
  signedBy: number;
  session: SessionRef | null;
};
/** A statement taken back: an attendance corrected to absent, a sign-off withdrawn. */
export type VoidFact = { kind: "void"; userId: number; target: string; at: Date };
export type Fact = AttemptFact | CompletionFact | AttendanceFact | SkillFact | VoidFact;

/** Where the statements come from: the site's origin (PUBLIC_URL) and how a user is named. */
export type Site = { origin: string; actorName: (userId: number) => string };

export type LanguageMap = Record<string, string>;
export type Agent = { objectType: "Agent"; account: { homePage: string; name: string } };
export type Activity = {
  objectType: "Activity";
  id: string;
  definition: { type: string; name: LanguageMap; description?: LanguageMap };
};
export type Statement = {
  id: string;
  actor: Agent;
  verb: { id: string; display: LanguageMap };
  object: Activity | { objectType: "StatementRef"; id: string };
  result?: { score?: { scaled: number; raw?: number; min?: number; max?: number }; success?: boolean; completion?: boolean };
  context?: {
    instructor?: Agent;
    contextActivities?: { parent?: Activity[]; grouping?: Activity[]; other?: Activity[] };
    platform?: string;
    language?: string;
    extensions?: Record<string, unknown>;
  };
  timestamp: string;
};

const ADL = "http://adlnet.gov/expapi";
export const VERBS = {
  completed: `${ADL}/verbs/completed`,
  passed: `${ADL}/verbs/passed`,
  failed: `${ADL}/verbs/failed`,
  attended: `${ADL}/verbs/attended`,
  voided: `${ADL}/verbs/voided`,
} as const;
type VerbName = keyof typeof VERBS;
const ACTIVITY_TYPES = {
  course: `${ADL}/activities/course`,
  module: `${ADL}/activities/module`,
  lesson: `${ADL}/activities/lesson`,
  assessment: `${ADL}/activities/assessment`,
  meeting: `${ADL}/activities/meeting`,
  performance: `${ADL}/activities/performance`,
} as const;

export { TAGS };

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "");
/** A language map from the locales' xapi texts, both languages. */
function labels(pick: (t: typeof vi.xapi) => string, values: Record<string, string> = {}): LanguageMap {
  return { [TAGS.vi]: fill(pick(vi.xapi), values), [TAGS.en]: fill(pick(en.xapi), values) };
}
const bilingual = (b: Bilingual): LanguageMap => ({ [TAGS.vi]: b.vi, [TAGS.en]: b.en });

/** The key that names a fact; the statement id is derived from it. */
export function factKey(fact: Fact): string {
  switch (fact.kind) {
    case "attempt":
      return `attempt/${fact.id}`;
    case "completion":
      return `completion/${fact.id}`;
    case "attendance":
      return `attendance/${fact.id}/${fact.attendedSince.getTime()}`;
    case "skill":
      return `skill/${fact.id}`;
    case "void":
      return `void/${fact.target}`;
  }
}

/** The statement id of a fact key on a site: UUID v5 in a namespace made from the site's origin. */
export function statementId(origin: string, key: string) {
  return uuidV5(key, uuidV5(`${origin}/`, URL_NAMESPACE));
}

// ---------------------------------------------------------------- activities and parts

const activity = (id: string, type: string, name: LanguageMap): Activity => ({ objectType: "Activity", id, definition: { type, name } });

export const activities = {
  course: (site: Site) =>
    activity(
      `${site.origin}/lessons`,
      ACTIVITY_TYPES.course,
      labels((x) => x.course),
    ),
  topic: (site: Site, topic: Topic) => activity(`${site.origin}/lessons#topic-${topic.id}`, ACTIVITY_TYPES.module, bilingual(topic.title)),
  lesson: (site: Site, lesson: LessonRef) => activity(`${site.origin}/lessons/${lesson.slug}`, ACTIVITY_TYPES.lesson, bilingual(lesson.title)),
  quiz: (site: Site, lesson: LessonRef) =>
    activity(`${site.origin}/lessons/${lesson.slug}#quiz`, ACTIVITY_TYPES.assessment, {
      [TAGS.vi]: fill(vi.xapi.quiz, { lesson: lesson.title.vi }),
      [TAGS.en]: fill(en.xapi.quiz, { lesson: lesson.title.en }),
    }),
  session: (site: Site, session: SessionRef) => {
    const day = toVietnamIso(session.startsAt).slice(0, 10);
    return activity(`${site.origin}/sessions/${session.id}`, ACTIVITY_TYPES.meeting, {
      [TAGS.vi]: fill(vi.xapi.session, { title: session.title, date: day.split("-").reverse().join("/") }),
      [TAGS.en]: fill(en.xapi.session, { title: session.title, date: day }),
    });
  },
  skill: (site: Site, skill: SkillFact["skill"]) => activity(`${site.origin}/skills/${skill.key}`, ACTIVITY_TYPES.performance, bilingual(skill.title)),
};

/** Context extension keys: stable addresses under the site. */
export const extensionKeys = (site: Site) => ({
  unitPath: `${site.origin}/xapi/extensions/unit-path`,
  completionMethod: `${site.origin}/xapi/extensions/completion-method`,
});

/** The member (or trainer) as an account on the site, named by a pseudonym. */
export function agent(site: Site, userId: number): Agent {
  return { objectType: "Agent", account: { homePage: `${site.origin}/`, name: site.actorName(userId) } };
}

const verb = (name: VerbName) => ({ id: VERBS[name], display: labels((x) => x.verbs[name]) });
const compact = (list: Array<Activity | null>) => list.filter((a): a is Activity => a !== null);

type Parts = {
  verb: VerbName;
  object: Statement["object"];
  result?: Statement["result"];
  instructor?: number | null;
  parent?: Array<Activity | null>;
  grouping?: Array<Activity | null>;
  other?: Array<Activity | null>;
  language?: string;
  extensions?: Record<string, unknown>;
  at: Date;
};

/** The common shape: id, actor, verb, object, result, context (with the unit path), timestamp. */
function statement(site: Site, fact: Fact, parts: Parts): Statement {
  const contextActivities: NonNullable<NonNullable<Statement["context"]>["contextActivities"]> = {};
  for (const key of ["parent", "grouping", "other"] as const) {
    const list = compact(parts[key] ?? []);
    if (list.length) contextActivities[key] = list;
  }
  const isActivity = parts.object.objectType === "Activity";
  const context: NonNullable<Statement["context"]> = {};
  if (parts.instructor) context.instructor = agent(site, parts.instructor);
  if (Object.keys(contextActivities).length) context.contextActivities = contextActivities;
  // "platform" is allowed only when the object is an Activity (xAPI-Data 2.4.6).
  if (isActivity) context.platform = vi.app.name;
  if (parts.language) context.language = parts.language === "en" ? TAGS.en : TAGS.vi;
  const extensions = { ...("units" in fact ? { [extensionKeys(site).unitPath]: fact.units } : {}), ...parts.extensions };
  if (Object.keys(extensions).length) context.extensions = extensions;
  return {
    id: statementId(site.origin, factKey(fact)),
    actor: agent(site, fact.userId),
    verb: verb(parts.verb),
    object: parts.object,
    ...(parts.result ? { result: parts.result } : {}),
    ...(Object.keys(context).length ? { context } : {}),
    timestamp: toVietnamIso(parts.at),
  };
}

// ---------------------------------------------------------------- one function per kind of fact

/** A quiz answered: passed or failed, with the score. */
export function attemptStatement(site: Site, fact: AttemptFact): Statement {
  const score = fact.total > 0 ? { scaled: fact.score / 100, raw: fact.correct, min: 0, max: fact.total } : { scaled: fact.score / 100 };
  return statement(site, fact, {
    verb: fact.passed ? "passed" : "failed",
    object: activities.quiz(site, fact.lesson),
    result: { score, success: fact.passed, completion: true },
    parent: [activities.lesson(site, fact.lesson)],
    grouping: [fact.lesson.topic ? activities.topic(site, fact.lesson.topic) : null, activities.course(site)],
    language: fact.language,
    at: fact.at,
  });
}

/** A lesson completed: by passing its quiz (self-study) or recorded in person at a session. */
export function completionStatement(site: Site, fact: CompletionFact): Statement {
  return statement(site, fact, {
    verb: "completed",
    object: activities.lesson(site, fact.lesson),
    result: fact.method === "quiz" ? { success: true, completion: true } : { completion: true },
    instructor: fact.method === "in-person" ? fact.recordedBy : null,
    parent: [fact.lesson.topic ? activities.topic(site, fact.lesson.topic) : null],
    grouping: [activities.course(site)],
    other: [fact.session ? activities.session(site, fact.session) : null],
    extensions: { [extensionKeys(site).completionMethod]: fact.method },
    at: fact.at,
  });
}

/** A training session attended (marked present or late). */
export function attendanceStatement(site: Site, fact: AttendanceFact): Statement {
  return statement(site, fact, {
    verb: "attended",
    object: activities.session(site, fact.session),
    instructor: fact.markedBy,
    grouping: [activities.course(site)],
    at: fact.session.startsAt,
  });
}

/** A practical skill shown in front of a trainer and signed off. */
export function skillStatement(site: Site, fact: SkillFact): Statement {
  return statement(site, fact, {
    verb: "passed",
    object: activities.skill(site, fact.skill),
    result: { success: true },
    instructor: fact.signedBy,
    parent: [fact.skill.topic ? activities.topic(site, fact.skill.topic) : null],
    grouping: [activities.course(site)],
    other: [fact.session ? activities.session(site, fact.session) : null],
    at: fact.at,
  });
}

/** Takes back a statement already sent (xAPI statements are never changed, only voided). */
export function voidStatement(site: Site, fact: VoidFact): Statement {
  return statement(site, fact, {
    verb: "voided",
    object: { objectType: "StatementRef", id: statementId(site.origin, fact.target) },
    at: fact.at,
  });
}

export function buildStatement(site: Site, fact: Fact): Statement {
  switch (fact.kind) {
    case "attempt":
      return attemptStatement(site, fact);
    case "completion":
      return completionStatement(site, fact);
    case "attendance":
      return attendanceStatement(site, fact);
    case "skill":
      return skillStatement(site, fact);
    case "void":
      return voidStatement(site, fact);
  }
}
