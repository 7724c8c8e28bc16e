// A validator for xAPI 1.0.3 statements (xAPI-Data.md, section 2), run on every
// statement before it leaves the site (export and push). It checks what an LRS
// must reject (wrong types, nulls, unknown or mis-cased properties, bad UUIDs,
// IRIs, language tags, timestamps and durations, Agents without exactly one
// identifier, voiding without a StatementRef, a score outside its bounds,
// revision/platform on a non-Activity object) plus two of the specification's
// SHOULDs that this site keeps as rules: no additional properties anywhere, and
// every timestamp carries its time zone.
//
// No npm package fits: the best-known one (Learning Locker's xapi-validation)
// belongs to a project that is no longer developed and pins old dependencies.

export type Validation = { valid: boolean; problems: string[] };

type Json = unknown;
type Obj = Record<string, Json>;

const VOIDED = "http://adlnet.gov/expapi/verbs/voided";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Characters an IRI may never hold (RFC 3987: no spaces, controls, <>"{}|\^`).
// eslint-disable-next-line no-control-regex
const NOT_IN_IRI = /[\u0000-\u0020\u007f-\u009f<>"{}|\\^`]/;
const MAILTO = /^mailto:[^@\s]+@[^@\s]+$/;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
const VERSION = /^1\.0(\.\d+)?$/;
const INTERACTION_TYPES = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];
const COMPONENT_LISTS = ["choices", "scale", "source", "target", "steps"] as const;
// Which component lists each interaction type may carry (xAPI-Data.md 2.4.4.1, interaction components).
const COMPONENTS_FOR: Record<string, readonly string[]> = {
  choice: ["choices"],
  sequencing: ["choices"],
  likert: ["scale"],
  matching: ["source", "target"],
  performance: ["steps"],
};

// RFC 5646 language tags: langtag, private use or the irregular grandfathered tags.
const LANGTAG = new RegExp(
  "^(?:" +
    "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})" + // language (with extlang)
    "(?:-[A-Za-z]{4})?" + // script
    "(?:-(?:[A-Za-z]{2}|\\d{3}))?" + // region
    "(?:-(?:[A-Za-z0-9]{5,8}|\\d[A-Za-z0-9]{3}))*" + // variants
    "(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*" + // extensions
    "(?:-x(?:-[A-Za-z0-9]{1,8})+)?" + // private use
    "|x(?:-[A-Za-z0-9]{1,8})+" +
    "|en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE" +
    ")$",
);

/** "2026-11-30T08:00:00.000+07:00": RFC 3339 (the profile of ISO 8601 the specification recommends), with a real date and a zone. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
/** ISO 8601 durations (section 4.4.3.2): PnYnMnDTnHnMnS or PnW; the alternative format is not allowed. */
const DURATION =
  /^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$|^P\d+(?:\.\d+)?W$/;

export function isUuid(value: Json): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function isIri(value: Json): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 4096 && SCHEME.test(value) && !NOT_IN_IRI.test(value);
}

/** An IRL: an IRI that is also a locator (it parses as an absolute URL with a host or a path). */
export function isIrl(value: Json): value is string {
  if (!isIri(value)) return false;
  try {
    const url = new URL(value);
    return url.host !== "" || url.pathname !== "";
  } catch {
    return false;
  }
}

export function isLanguageTag(value: Json): value is string {
  return typeof value === "string" && LANGTAG.test(value);
}

export function isTimestamp(value: Json): value is string {
  if (typeof value !== "string") return false;
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  return !Number.isNaN(new Date(value).getTime());
}

export function isDuration(value: Json): value is string {
  return typeof value === "string" && DURATION.test(value);
}

const isObject = (value: Json): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: Json): value is number => typeof value === "number" && Number.isFinite(value);

class Checker {
  problems: string[] = [];

  fail(path: string, message: string) {
    this.problems.push(`${path || "statement"}: ${message}`);
  }

  /** An object with only the allowed keys; false (and a problem) if it is not an object. */
  shape(value: Json, path: string, allowed: readonly string[]): value is Obj {
    if (!isObject(value)) {
      this.fail(path, "must be an object");
      return false;
    }
    for (const [key, v] of Object.entries(value)) {
      const where = path ? `${path}.${key}` : key;
      if (!allowed.includes(key)) {
        const cased = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
        this.fail(where, cased ? `wrong case (the property is "${cased}")` : "is not a property allowed here");
      } else if (v === null) {
        this.fail(where, "must not be null");
      }
    }
    return true;
  }

  string(value: Json, path: string) {
    if (typeof value !== "string") this.fail(path, "must be a string");
  }

  boolean(value: Json, path: string) {
    if (typeof value !== "boolean") this.fail(path, "must be true or false");
  }

  iri(value: Json, path: string) {
    if (!isIri(value)) this.fail(path, "must be an IRI with a scheme and no spaces");
  }

  irl(value: Json, path: string) {
    if (!isIrl(value)) this.fail(path, "must be an IRL (an absolute address)");
  }

  uuid(value: Json, path: string) {
    if (!isUuid(value)) this.fail(path, "must be a UUID in the standard form");
  }

  timestamp(value: Json, path: string) {
    if (!isTimestamp(value)) this.fail(path, "must be an ISO 8601 timestamp with a time zone, e.g. 2026-11-30T08:00:00.000+07:00");
  }

  languageMap(value: Json, path: string) {
    if (!isObject(value)) return this.fail(path, "must be a language map (an object)");
    if (Object.keys(value).length === 0) this.fail(path, "must not be empty");
    for (const [tag, text] of Object.entries(value)) {
      if (!isLanguageTag(tag)) this.fail(`${path}.${tag}`, "is not an RFC 5646 language tag");
      if (typeof text !== "string") this.fail(`${path}.${tag}`, "must be a string");
    }
  }

  extensions(value: Json, path: string) {
    if (!isObject(value)) return this.fail(path, "must be an object");
    // Values are free (nulls included); keys must be IRIs.
    for (const key of Object.keys(value)) if (!isIri(key)) this.fail(`${path}["${key}"]`, "extension keys must be IRIs");
  }

  /** Names the Inverse Functional Identifiers present, checking each one's format. */
  identifiers(value: Obj, path: string) {
    const found: string[] = [];
    if (value.mbox !== undefined) {
      found.push("mbox");
      if (typeof value.mbox !== "string" || !MAILTO.test(value.mbox)) this.fail(`${path}.mbox`, 'must be "mailto:" and an address');
    }
    if (value.mbox_sha1sum !== undefined) {
      found.push("mbox_sha1sum");
      if (typeof value.mbox_sha1sum !== "string" || !SHA1_HEX.test(value.mbox_sha1sum)) this.fail(`${path}.mbox_sha1sum`, "must be a hex SHA-1");
    }
    if (value.openid !== undefined) {
      found.push("openid");
      this.irl(value.openid, `${path}.openid`);
    }
    if (value.account !== undefined) {
      found.push("account");
      if (this.shape(value.account, `${path}.account`, ["homePage", "name"])) {
        const account = value.account;
        if (account.homePage === undefined) this.fail(`${path}.account.homePage`, "is required");
        else this.irl(account.homePage, `${path}.account.homePage`);
        if (account.name === undefined) this.fail(`${path}.account.name`, "is required");
        else if (typeof account.name !== "string" || account.name === "") this.fail(`${path}.account.name`, "must be a non-empty string");
      }
    }
    return found;
  }

  agent(value: Json, path: string, objectTypeRequired = false) {
    if (!this.shape(value, path, ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"])) return;
    if (value.objectType === undefined && objectTypeRequired) this.fail(`${path}.objectType`, 'is required here ("Agent")');
    if (value.objectType !== undefined && value.objectType !== "Agent") this.fail(`${path}.objectType`, 'must be "Agent"');
    if (value.name !== undefined) this.string(value.name, `${path}.name`);
    const ids = this.identifiers(value, path);
    if (ids.length !== 1) this.fail(path, `an Agent needs exactly one identifier (mbox, mbox_sha1sum, openid or account), found ${ids.length}`);
  }

  group(value: Json, path: string) {
    if (!this.shape(value, path, ["objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"])) return;
    if (value.objectType !== "Group") this.fail(`${path}.objectType`, 'must be "Group"');
    if (value.name !== undefined) this.string(value.name, `${path}.name`);
    const ids = this.identifiers(value, path);
    if (ids.length > 1) this.fail(path, "a Group has at most one identifier");
    if (value.member === undefined) {
      if (ids.length === 0) this.fail(`${path}.member`, "an anonymous Group must list its members");
      return;
    }
    if (!Array.isArray(value.member)) return this.fail(`${path}.member`, "must be an array of Agents");
    value.member.forEach((m, i) => {
      if (isObject(m) && m.objectType === "Group") this.fail(`${path}.member[${i}]`, "a Group cannot contain a Group");
      else this.agent(m, `${path}.member[${i}]`);
    });
  }

  actor(value: Json, path: string) {
    if (isObject(value) && value.objectType === "Group") this.group(value, path);
    else this.agent(value, path);
  }

  verb(value: Json, path: string) {
    if (!this.shape(value, path, ["id", "display"])) return;
    if (value.id === undefined) this.fail(`${path}.id`, "is required");
    else this.iri(value.id, `${path}.id`);
    if (value.display !== undefined) this.languageMap(value.display, `${path}.display`);
  }

  activity(value: Json, path: string) {
    if (!this.shape(value, path, ["objectType", "id", "definition"])) return;
    if (value.objectType !== undefined && value.objectType !== "Activity") this.fail(`${path}.objectType`, 'must be "Activity"');
    if (value.id === undefined) this.fail(`${path}.id`, "is required");
    else this.iri(value.id, `${path}.id`);
    if (value.definition !== undefined) this.definition(value.definition, `${path}.definition`);
  }

  definition(value: Json, path: string) {
    const keys = ["name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern", ...COMPONENT_LISTS];
    if (!this.shape(value, path, keys)) return;
    if (value.name !== undefined) this.languageMap(value.name, `${path}.name`);
    if (value.description !== undefined) this.languageMap(value.description, `${path}.description`);
    if (value.type !== undefined) this.iri(value.type, `${path}.type`);
    if (value.moreInfo !== undefined) this.irl(value.moreInfo, `${path}.moreInfo`);
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
    const interaction = value.interactionType;
    if (interaction !== undefined && (typeof interaction !== "string" || !INTERACTION_TYPES.includes(interaction))) {
      this.fail(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(", ")}`);
    }
    if (value.correctResponsesPattern !== undefined) {
      if (interaction === undefined) this.fail(`${path}.correctResponsesPattern`, "needs an interactionType");
      if (!Array.isArray(value.correctResponsesPattern) || value.correctResponsesPattern.some((p) => typeof p !== "string")) {
        this.fail(`${path}.correctResponsesPattern`, "must be an array of strings");
      }
    }
    for (const list of COMPONENT_LISTS) {
      if (value[list] === undefined) continue;
      const where = `${path}.${list}`;
      if (typeof interaction !== "string" || !(COMPONENTS_FOR[interaction] ?? []).includes(list))
        this.fail(where, `is not allowed for interactionType "${String(interaction)}"`);
      if (!Array.isArray(value[list])) {
        this.fail(where, "must be an array of interaction components");
        continue;
      }
      const ids = new Set<string>();
      (value[list] as Json[]).forEach((component, i) => {
        if (!this.shape(component, `${where}[${i}]`, ["id", "description"])) return;
        if (typeof component.id !== "string" || component.id === "") this.fail(`${where}[${i}].id`, "must be a non-empty string");
        else if (ids.has(component.id)) this.fail(`${where}[${i}].id`, "must be distinct within the list");
        else ids.add(component.id);
        if (component.description !== undefined) this.languageMap(component.description, `${where}[${i}].description`);
      });
    }
  }

  statementRef(value: Json, path: string) {
    if (!this.shape(value, path, ["objectType", "id"])) return;
    if (value.objectType !== "StatementRef") this.fail(`${path}.objectType`, 'must be "StatementRef"');
    if (value.id === undefined) this.fail(`${path}.id`, "is required");
    else this.uuid(value.id, `${path}.id`);
  }

  object(value: Json, path: string, inSubStatement: boolean) {
    if (!isObject(value)) return this.fail(path, "must be an object");
    switch (value.objectType) {
      case undefined:
      case "Activity":
        return this.activity(value, path);
      case "Agent":
        return this.agent(value, path, true);
      case "Group":
        return this.group(value, path);
      case "StatementRef":
        return this.statementRef(value, path);
      case "SubStatement":
        if (inSubStatement) return this.fail(path, "a SubStatement cannot contain another SubStatement");
        return this.statement(value, path, true);
      default:
        return this.fail(`${path}.objectType`, "must be Activity, Agent, Group, StatementRef or SubStatement");
    }
  }

  result(value: Json, path: string) {
    if (!this.shape(value, path, ["score", "success", "completion", "response", "duration", "extensions"])) return;
    if (value.score !== undefined && this.shape(value.score, `${path}.score`, ["scaled", "raw", "min", "max"])) {
      const score = value.score;
      for (const key of ["scaled", "raw", "min", "max"])
        if (score[key] !== undefined && !isNumber(score[key])) this.fail(`${path}.score.${key}`, "must be a number");
      const [scaled, raw, min, max] = [score.scaled, score.raw, score.min, score.max].map((v) => (isNumber(v) ? v : undefined));
      if (scaled !== undefined && (scaled < -1 || scaled > 1)) this.fail(`${path}.score.scaled`, "must lie between -1 and 1");
      if (min !== undefined && max !== undefined && !(min < max)) this.fail(`${path}.score`, "min must be less than max");
      if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max)))
        this.fail(`${path}.score.raw`, "must lie between min and max");
    }
    if (value.success !== undefined) this.boolean(value.success, `${path}.success`);
    if (value.completion !== undefined) this.boolean(value.completion, `${path}.completion`);
    if (value.response !== undefined) this.string(value.response, `${path}.response`);
    if (value.duration !== undefined && !isDuration(value.duration)) this.fail(`${path}.duration`, "must be an ISO 8601 duration, e.g. PT1H30M");
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
  }

  context(value: Json, path: string, objectIsActivity: boolean) {
    const keys = ["registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions"];
    if (!this.shape(value, path, keys)) return;
    if (value.registration !== undefined) this.uuid(value.registration, `${path}.registration`);
    if (value.instructor !== undefined) this.actor(value.instructor, `${path}.instructor`);
    if (value.team !== undefined) {
      if (isObject(value.team) && value.team.objectType === "Group") this.group(value.team, `${path}.team`);
      else this.fail(`${path}.team`, "must be a Group");
    }
    if (
      value.contextActivities !== undefined &&
      this.shape(value.contextActivities, `${path}.contextActivities`, ["parent", "grouping", "category", "other"])
    ) {
      for (const [kind, list] of Object.entries(value.contextActivities)) {
        const where = `${path}.contextActivities.${kind}`;
        if (Array.isArray(list)) list.forEach((a, i) => this.activity(a, `${where}[${i}]`));
        else this.activity(list, where);
      }
    }
    for (const key of ["revision", "platform"] as const) {
      if (value[key] === undefined) continue;
      this.string(value[key], `${path}.${key}`);
      if (!objectIsActivity) this.fail(`${path}.${key}`, "is only allowed when the object is an Activity");
    }
    if (value.language !== undefined && !isLanguageTag(value.language)) this.fail(`${path}.language`, "is not an RFC 5646 language tag");
    if (value.statement !== undefined) this.statementRef(value.statement, `${path}.statement`);
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
  }

  attachments(value: Json, path: string) {
    if (!Array.isArray(value)) return this.fail(path, "must be an array");
    value.forEach((a, i) => {
      const where = `${path}[${i}]`;
      if (!this.shape(a, where, ["usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"])) return;
      for (const key of ["usageType", "display", "contentType", "length", "sha2"]) if (a[key] === undefined) this.fail(`${where}.${key}`, "is required");
      if (a.usageType !== undefined) this.iri(a.usageType, `${where}.usageType`);
      if (a.display !== undefined) this.languageMap(a.display, `${where}.display`);
      if (a.description !== undefined) this.languageMap(a.description, `${where}.description`);
      if (a.contentType !== undefined) this.string(a.contentType, `${where}.contentType`);
      if (a.length !== undefined && !(Number.isInteger(a.length) && (a.length as number) >= 0)) this.fail(`${where}.length`, "must be a whole number");
      if (a.sha2 !== undefined && (typeof a.sha2 !== "string" || !/^[0-9a-f]{56,128}$/i.test(a.sha2))) this.fail(`${where}.sha2`, "must be a hex SHA-2 hash");
      if (a.fileUrl !== undefined) this.irl(a.fileUrl, `${where}.fileUrl`);
    });
  }

  statement(value: Json, path: string, sub = false) {
    const common = ["actor", "verb", "object", "result", "context", "timestamp", "attachments"];
    const ownOnly = ["id", "stored", "authority", "version"];
    // A SubStatement's own-statement properties are named as such below, not as unknown ones.
    const keys = sub ? ["objectType", ...common, ...ownOnly] : [...common, ...ownOnly];
    if (!isObject(value)) return this.fail(path, "must be an object");
    if (sub) for (const key of ownOnly) if (key in value) this.fail(`${path}.${key}`, "is not allowed in a SubStatement");
    if (!this.shape(value, path, keys)) return;
    const at = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of ["actor", "verb", "object"]) if (value[key] === undefined) this.fail(at(key), "is required");
    if (value.id !== undefined) this.uuid(value.id, at("id"));
    if (value.actor !== undefined) this.actor(value.actor, at("actor"));
    if (value.verb !== undefined) this.verb(value.verb, at("verb"));
    if (value.object !== undefined) this.object(value.object, at("object"), sub);
    const verbId = isObject(value.verb) ? value.verb.id : undefined;
    if (verbId === VOIDED && !(isObject(value.object) && value.object.objectType === "StatementRef")) {
      this.fail(at("object"), "a voiding statement's object must be a StatementRef");
    }
    if (value.result !== undefined) this.result(value.result, at("result"));
    const objectIsActivity = isObject(value.object) && (value.object.objectType === undefined || value.object.objectType === "Activity");
    if (value.context !== undefined) this.context(value.context, at("context"), objectIsActivity);
    if (value.timestamp !== undefined) this.timestamp(value.timestamp, at("timestamp"));
    if (value.stored !== undefined) this.timestamp(value.stored, at("stored"));
    if (value.authority !== undefined) this.actor(value.authority, at("authority"));
    if (value.version !== undefined && (typeof value.version !== "string" || !VERSION.test(value.version))) this.fail(at("version"), 'must start with "1.0."');
    if (value.attachments !== undefined) this.attachments(value.attachments, at("attachments"));
  }
}

/** Checks one statement against xAPI 1.0.3; `problems` names each broken rule with its path. */
export function validateStatement(statement: unknown): Validation {
  const checker = new Checker();
  checker.statement(statement, "");
  return { valid: checker.problems.length === 0, problems: checker.problems };
}
