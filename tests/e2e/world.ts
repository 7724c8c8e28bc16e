// A small world of its own for each test (Epic Stack style: tests make the people
// they sign in as). A world is a province of its own (so nothing a test does shows
// in the demo province, nor in any other test's figures) with its communes,
// villages, a team at every unit, members, a trainer, supervisors and an admin
// scoped to the world, all with the demo password. Everything is written by the
// app's own models, called from the test process on the end-to-end database, so
// the membership counters (triggers), month and lesson summaries and audit log
// stay as right as when a person does it through the pages.
import path from "node:path";
import type { SessionUser } from "../../app/utils/auth.server";

/** The demo's password (prisma/seed.ts): everyone in a world has it too. Not imported from the seed,
 *  whose imports open the database before this process is pointed at the end-to-end one. */
const DEMO_PASSWORD = "demo1234";

export type Person = { id: number; name: string; phone: string };
export type Team = { id: number; name: string };
export type Village = { id: number; code: string; name: string; households: number; team: Team; members: Person[] };
export type Commune = { id: number; code: string; name: string; path: string; households: number; team: Team; villages: Village[] };

export type World = {
  /** The province's id: unique in the database, so the codes and phones built on it are too. */
  n: number;
  password: string;
  province: { id: number; code: string; name: string; path: string; team: Team };
  communes: Commune[];
  /** The first commune, where the trainer and the commune supervisor work. */
  commune: Commune;
  admin: Person;
  provinceSupervisor: Person;
  communeSupervisor: Person;
  trainer: Person;
  /** Supervisor of the second commune, when there is one. */
  otherCommuneSupervisor: Person | null;
  /** The first member of the first village of the first commune. */
  member: Person;
  /** Every village member of the first commune. */
  members: Person[];
  /** A valid Vietnamese mobile number nobody has yet, for people a test adds itself (…500, …501, … in turn). */
  freshPhone(): string;
};

export type WorldShape = {
  /** Communes in the province (1 or more; the second has no Zalo groups declared). */
  communes?: number;
  /** Villages per commune. */
  villages?: number;
  /** Members of each village team. */
  members?: number;
};

const VILLAGES = ["Phú Phong", "Tích Phú", "Phú Lộc", "Thạnh Phú", "Ấp Nhì", "An Hòa", "Bình Yên", "Hòa Mỹ"];
const COMMUNES = ["Hòa An", "Hòa Bình", "Hòa Phước"];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Trương"];
const GIVEN = [
  "Văn Tám",
  "Thị Hoa",
  "Văn Hùng",
  "Thị Lan",
  "Hữu Phước",
  "Thị Mai",
  "Đức Thành",
  "Ngọc Ánh",
  "Minh Tuấn",
  "Thị Sương",
  "Quang Vinh",
  "Thanh Thủy",
];
const POSITIONS = [
  "Tổ trưởng (Trưởng thôn)",
  "Chi hội trưởng Hội Phụ nữ",
  "Chi hội trưởng Hội Nông dân",
  "Chi hội trưởng Hội Cựu chiến binh",
  "Bí thư Chi đoàn",
  "Công chức xã",
];

/** The i-th person's name in a world: distinct within it for the first 168 (and none is the start of another). */
export function personName(i: number) {
  return `${FAMILY[(i + Math.floor(i / GIVEN.length)) % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`;
}

/** The app's models, loaded once the test process points at the end-to-end database. */
async function models() {
  // Set by playwright.config.ts before any spec loads (a spec may import the app's course, and
  // with it the database client, before this); here too for a script that uses the world alone.
  process.env.DATABASE_URL ??= `file:${path.resolve(process.env.E2E_DB || "./tests/.tmp/e2e.db")}`;
  process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-e2e";
  // A world's writes are set-up, not requests: their timings would only crowd the test output.
  process.env.SLOW_QUERY_MS ??= "5000";
  const [db, units, members, sessions, password, unit, quiz, course] = await Promise.all([
    import("../../app/utils/db.server"),
    import("../../app/models/admin-units.server"),
    import("../../app/models/admin-members.server"),
    import("../../app/models/training-session.server"),
    import("../../app/utils/password.server"),
    import("../../app/models/unit.server"),
    import("../../app/models/quiz.server"),
    import("../../app/content/course.server"),
  ]);
  return {
    prisma: db.prisma,
    ...units,
    ...members,
    ...sessions,
    createUnit: unit.createUnit,
    hashPassword: password.hashPassword,
    submitAttempt: quiz.submitAttempt,
    getCourse: course.getCourse,
  };
}

let loaded: ReturnType<typeof models> | undefined;
const app = () => (loaded ??= models());

let knownHash: Promise<string> | undefined;

/** Makes a world of the given shape. */
export async function makeWorld(shape: WorldShape = {}): Promise<World> {
  const { communes: communeCount = 1, villages: villageCount = 2, members: memberCount = 6 } = shape;
  const m = await app();
  const passwordHash = await (knownHash ??= m.hashPassword(DEMO_PASSWORD));

  // The province and its admin, as the seed makes the first ones: nobody above them to do it.
  // Names are the same in every world (each person sees only their own world, and pages then
  // lay out alike from one run to the next); codes and phones carry the province's id.
  const provinceName = "Tỉnh Thử Nghiệm";
  const stamp = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const made = await m.createUnit({ code: `W${stamp}`, name: provinceName, levelKey: "province" });
  const n = made.id;
  const code = `W${n}`;
  await m.prisma.unit.update({ where: { id: n }, data: { code }, select: { id: true } });
  // 07 + the province id (5 digits) + a running number (3 digits): unique in the database, a valid mobile
  // number. The world's people get 000–499; phones for people a test adds itself start at 500.
  const phone = (i: number) => `07${String(n % 100_000).padStart(5, "0")}${String(i).padStart(3, "0")}`;
  let phones = 0;
  let freshPhones = 500;
  const nextPhone = () => phone(phones++);
  const province = { id: n, code, name: provinceName, path: made.path, team: { id: 0, name: "Tổ công nghệ số cộng đồng Thử Nghiệm" } };
  const adminRow = await m.prisma.$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name: province.team.name, unitId: n }, select: { id: true } });
    const user = await tx.user.create({
      data: {
        phone: nextPhone(),
        name: "Trần Quốc Bảo",
        role: "admin",
        passwordHash,
        position: "Chuyên viên Sở Khoa học và Công nghệ",
        teamId: team.id,
        scopeUnitId: n,
      },
      select: { id: true, name: true, phone: true },
    });
    await tx.memberMove.create({ data: { userId: user.id, fromTeamId: null, toTeamId: team.id } });
    return { team, user };
  });
  province.team.id = adminRow.team.id;
  const actor = { id: adminRow.user.id, role: "admin" as const, scopeUnit: { id: n, path: made.path } };

  let people = 0;
  const addMember = async (teamId: number, position: string | null): Promise<Person> => {
    const phone = nextPhone();
    const created = await m.createMember(actor, teamId, { name: personName(people++), phone, position });
    return { id: created.id, name: created.name, phone: created.phone };
  };
  const staff = async (teamId: number, role: "trainer" | "supervisor", scopeCode: string, position: string) => {
    const person = await addMember(teamId, position);
    await m.assignRole(actor, person.id, role, scopeCode);
    return person;
  };

  const provinceSupervisor = await staff(province.team.id, "supervisor", code, "Phó Trưởng Ban chỉ đạo chuyển đổi số tỉnh");
  const communes: Commune[] = [];
  for (let c = 0; c < communeCount; c++) {
    const communeCode = `${code}-X${c + 1}`;
    const name = `Xã ${COMMUNES[c % COMMUNES.length]}`;
    const unit = await m.createChildUnit(actor, { parentId: n, code: communeCode, name, levelKey: "commune", households: null });
    const team = await m.createTeam(actor, unit.id, `Tổ công nghệ số cộng đồng ${COMMUNES[c % COMMUNES.length]}`);
    const villages: Village[] = [];
    for (let v = 0; v < villageCount; v++) {
      const word = VILLAGES[v % VILLAGES.length];
      const households = 200 + 10 * v + c;
      const village = await m.createChildUnit(actor, {
        parentId: unit.id,
        code: `${communeCode}-${String(v + 1).padStart(2, "0")}`,
        name: `Thôn ${word}`,
        levelKey: "village",
        households,
      });
      const villageTeam = await m.createTeam(actor, village.id, `Tổ công nghệ số cộng đồng ${word}`);
      const members: Person[] = [];
      for (let i = 0; i < memberCount; i++) members.push(await addMember(villageTeam.id, POSITIONS[i % POSITIONS.length]));
      // The first commune's teams run Zalo groups, as the demo's commune A does; the others have not said.
      if (c === 0) await m.setTeamZaloGroups(actor, villageTeam.id, 1 + (v % 2));
      villages.push({ id: village.id, code: `${communeCode}-${String(v + 1).padStart(2, "0")}`, name: village.name, households, team: villageTeam, members });
    }
    // A commune's households are its villages' sum, as in the demo.
    const households = villages.reduce((sum, v) => sum + v.households, 0);
    await m.setHouseholds(actor, unit.id, households);
    communes.push({ id: unit.id, code: communeCode, name, path: unit.path, households, team, villages });
  }
  const [first, second] = communes;
  const communeSupervisor = await staff(first.team.id, "supervisor", first.code, "Phó Chủ tịch UBND xã");
  const trainer = await staff(first.team.id, "trainer", first.code, "Bí thư Đoàn xã");
  const otherCommuneSupervisor = second ? await staff(second.team.id, "supervisor", second.code, "Phó Chủ tịch UBND xã") : null;

  // Everyone signs in with the known password (createMember gave each a temporary one).
  await m.prisma.user.updateMany({ where: { team: { unit: { path: { startsWith: made.path } } } }, data: { passwordHash } });

  const members = first.villages.flatMap((v) => v.members);
  return {
    n,
    password: DEMO_PASSWORD,
    province,
    communes,
    commune: first,
    admin: adminRow.user,
    provinceSupervisor,
    communeSupervisor,
    trainer,
    otherCommuneSupervisor,
    member: members[0],
    members,
    freshPhone: () => phone(freshPhones++),
  };
}

/** A person as the models see the signed-in user. */
async function sessionUser(id: number): Promise<SessionUser> {
  const { prisma } = await app();
  const user = await prisma.user.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      name: true,
      phone: true,
      role: true,
      language: true,
      scopeUnit: { select: { id: true, name: true, path: true, levelKey: true } },
      team: { select: { id: true, name: true, unit: { select: { id: true, name: true, path: true } } } },
    },
  });
  return user as SessionUser;
}

/**
 * A training session the world's trainer held for some of the first commune's
 * teams 13 hours ago (so it is listed under past sessions, which start 12 hours
 * back): everyone invited marked present, the lessons recorded as completed in
 * person. Returns its id.
 */
export async function heldSession(world: World, options: { title: string; teams: Team[]; lessons: string[]; hoursAgo?: number }) {
  const m = await app();
  const trainer = await sessionUser(world.trainer.id);
  const startsAt = new Date(Date.now() - (options.hoursAgo ?? 13) * 3600_000);
  // A rule broken (a team out of scope, an unknown lesson) throws a RuleError, and the test fails with it.
  const { id } = await m.createTrainingSession(trainer, {
    unitId: world.commune.id,
    title: options.title,
    startsAt,
    durationMinutes: 60,
    place: `Nhà văn hóa ${world.commune.name}`,
    teamIds: options.teams.map((t) => t.id),
    lessonSlugs: options.lessons,
  });
  await m.markEveryonePresent(trainer, id, new Date(startsAt.getTime() + 5 * 60_000));
  await m.recordInPersonCompletions(trainer, id);
  return id;
}

/** A practical skill the world's trainer signed off for a member present at a session. */
export async function signedSkill(world: World, sessionId: number, person: Person) {
  const m = await app();
  const trainer = await sessionUser(world.trainer.id);
  const skill = m.skills()[0];
  await m.setSkill(trainer, sessionId, person.id, skill.key, true);
  return skill;
}

/** A member's answer sheet on a lesson's whole quiz, every answer right or every one wrong, as the quiz page stores it. */
export async function answeredQuiz(person: Person, slug: string, which: "right" | "wrong") {
  const m = await app();
  const lesson = (await m.getCourse()).bySlug.get(slug);
  if (!lesson) throw new Error(`no lesson ${slug}`);
  const quiz = lesson.text.vi.quiz;
  const answers = Object.fromEntries(quiz.map((q) => [q.id, q.choices.find((c) => Boolean(c.correct) === (which === "right"))!.id]));
  return m.submitAttempt({ userId: person.id, lesson, quiz, seed: null, language: "vi", answers });
}
