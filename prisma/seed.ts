// Deterministic demo data modelled on the source reports: one province, three
// communes (two-tier government since July 2025), villages of about six
// members each (village head as leader, mass-organisation heads, a commune
// civil servant), a team at every unit, and one account per demo role.
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../app/generated/prisma/client";
import { seedActivity } from "./seed-activity";

export const DEMO_PASSWORD = "demo1234";

export const DEMO_ACCOUNTS = [
  { phone: "0900000001", role: "admin", label: "Quản trị toàn tỉnh / admin (whole province)" },
  { phone: "0900000002", role: "supervisor", label: "Giám sát cấp tỉnh / province supervisor" },
  { phone: "0900000003", role: "supervisor", label: "Giám sát xã Đại Thạnh / supervisor of commune A" },
  { phone: "0900000004", role: "trainer", label: "Cán bộ tập huấn xã Đại Thạnh / trainer for commune A" },
  { phone: "0900000005", role: "member", label: "Tổ viên thôn Phú Phong / member of a village team in commune A" },
  { phone: "0900000006", role: "supervisor", label: "Giám sát xã A Tiêng / supervisor of commune B" },
] as const;

const LEVELS = [
  { key: "province", rank: 0, nameVi: "Tỉnh/Thành phố", nameEn: "Province" },
  { key: "district", rank: 1, nameVi: "Huyện (trước 7/2025)", nameEn: "District (before 7/2025)" },
  { key: "commune", rank: 2, nameVi: "Xã/Phường", nameEn: "Commune/Ward" },
  { key: "village", rank: 3, nameVi: "Thôn/Tổ dân phố", nameEn: "Village/Residential group" },
];

type Tree = { code: string; name: string; level: string; households?: number; children?: Tree[] };

const TREE: Tree = {
  code: "QNA",
  name: "Tỉnh Quảng Nam",
  level: "province",
  children: [
    {
      code: "QNA-DTH",
      name: "Xã Đại Thạnh",
      level: "commune",
      children: [
        { code: "QNA-DTH-01", name: "Thôn Phú Phong", level: "village", households: 268 },
        { code: "QNA-DTH-02", name: "Thôn Tích Phú", level: "village", households: 231 },
        { code: "QNA-DTH-03", name: "Thôn Phú Lộc", level: "village", households: 254 },
        { code: "QNA-DTH-04", name: "Thôn Thạnh Phú", level: "village", households: 247 },
        { code: "QNA-DTH-05", name: "Thôn Ấp Nhì", level: "village", households: 236 },
      ],
    },
    {
      code: "QNA-ATI",
      name: "Xã A Tiêng",
      level: "commune",
      children: [
        { code: "QNA-ATI-01", name: "Thôn A Tép", level: "village", households: 112 },
        { code: "QNA-ATI-02", name: "Thôn Achiing", level: "village", households: 96 },
        { code: "QNA-ATI-03", name: "Thôn Ating", level: "village", households: 104 },
        { code: "QNA-ATI-04", name: "Thôn Rơ Ngoi", level: "village", households: 88 },
      ],
    },
    {
      code: "QNA-TKY",
      name: "Xã Tứ Kỳ",
      level: "commune",
      children: [
        { code: "QNA-TKY-01", name: "Khu dân cư Đông Hải", level: "village", households: 412 },
        { code: "QNA-TKY-02", name: "Khu dân cư Tây Hải", level: "village", households: 389 },
        { code: "QNA-TKY-03", name: "Khu dân cư Nam Hải", level: "village", households: 405 },
        { code: "QNA-TKY-04", name: "Khu dân cư Bắc Hải", level: "village", households: 377 },
      ],
    },
  ],
};

const KINH_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Trương"];
const KINH_MALE = ["Văn Hùng", "Văn Tâm", "Hữu Phước", "Đức Thành", "Văn Lộc", "Minh Tuấn", "Văn Sáu", "Công Định", "Quang Vinh", "Văn Bảy"];
const KINH_FEMALE = ["Thị Hoa", "Thị Lan", "Thị Thu Hà", "Thị Mai", "Thị Hồng", "Thị Bích", "Ngọc Ánh", "Thị Sương", "Thị Nga", "Thanh Thủy"];
// Cơ Tu family names, as in Tây Giang (seed 000).
const COTU_FAMILY = ["Bhling", "Alăng", "Riah", "Zơrâm", "Coor", "Briu", "Clâu", "Hốih", "A Viết", "Pơloong"];
const COTU_GIVEN = ["Mía", "Thị Hoa", "Ngơ", "Bôn", "Thị Lan", "Hương", "Bhriu", "Thị Nhi", "Sơn", "Thị Ka", "Dung", "Thị Xuân"];

const VILLAGE_POSITIONS = [
  "Tổ trưởng (Trưởng thôn)",
  "Chi hội trưởng Hội Phụ nữ",
  "Chi hội trưởng Hội Nông dân",
  "Chi hội trưởng Hội Cựu chiến binh",
  "Bí thư Chi đoàn",
  "Công chức xã",
];
const COMMUNE_POSITIONS = ["Tổ trưởng (Phó Chủ tịch UBND xã)", "Công chức Văn hóa - Xã hội", "Công an xã", "Bí thư Đoàn xã", "Nhân viên Bưu điện văn hóa xã"];

function personName(i: number, highland: boolean) {
  if (highland) return `${COTU_FAMILY[i % COTU_FAMILY.length]} ${COTU_GIVEN[(i * 7) % COTU_GIVEN.length]}`;
  const given = i % 2 === 0 ? KINH_MALE[(i * 3) % KINH_MALE.length] : KINH_FEMALE[(i * 5) % KINH_FEMALE.length];
  return `${KINH_FAMILY[(i * 11) % KINH_FAMILY.length]} ${given}`;
}

export async function seed(prisma: PrismaClient, options: { log?: boolean } = {}) {
  const passwordHash = await hash(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    for (const level of LEVELS) await tx.unitLevel.create({ data: level });

    const teamByCode = new Map<string, number>();
    const unitByCode = new Map<string, { id: number; path: string }>();
    async function createUnit(node: Tree, parent: { id: number; path: string } | null, depth: number) {
      const created = await tx.unit.create({
        data: { code: node.code, name: node.name, levelKey: node.level, parentId: parent?.id ?? null, path: "", depth, households: node.households ?? null },
        select: { id: true },
      });
      const path = `${parent?.path ?? "/"}${created.id}/`;
      await tx.unit.update({ where: { id: created.id }, data: { path } });
      const unit = { id: created.id, path };
      unitByCode.set(node.code, unit);
      const team = await tx.team.create({
        data: { name: `Tổ công nghệ số cộng đồng ${node.name.replace(/^(Tỉnh|Xã|Thôn|Khu dân cư) /, "")}`, unitId: unit.id },
        select: { id: true },
      });
      teamByCode.set(node.code, team.id);
      for (const child of node.children ?? []) await createUnit(child, unit, depth + 1);
    }
    await createUnit(TREE, null, 0);

    // Communes get households as the sum of their villages.
    for (const commune of TREE.children ?? []) {
      const total = (commune.children ?? []).reduce((sum, v) => sum + (v.households ?? 0), 0);
      await tx.unit.update({ where: { code: commune.code }, data: { households: total } });
    }

    const demo = (phone: string, name: string, role: string, teamCode: string, scopeCode: string | null, position: string) =>
      tx.user.create({
        data: {
          phone,
          name,
          role,
          passwordHash,
          position,
          teamId: teamByCode.get(teamCode)!,
          scopeUnitId: scopeCode ? unitByCode.get(scopeCode)!.id : null,
        },
      });
    const admin = await demo("0900000001", "Trần Quốc Bảo", "admin", "QNA", "QNA", "Chuyên viên Sở Khoa học và Công nghệ");
    await demo("0900000002", "Lê Thị Minh Nguyệt", "supervisor", "QNA", "QNA", "Phó Trưởng Ban chỉ đạo chuyển đổi số tỉnh");
    await demo("0900000003", "Phạm Văn Dũng", "supervisor", "QNA-DTH", "QNA-DTH", "Phó Chủ tịch UBND xã");
    await demo("0900000004", "Võ Thị Kim Oanh", "trainer", "QNA-DTH", "QNA-DTH", "Bí thư Đoàn xã");
    await demo("0900000005", "Nguyễn Văn Tám", "member", "QNA-DTH-01", null, VILLAGE_POSITIONS[0]);
    await demo("0900000006", "Bhling Thị Hương", "supervisor", "QNA-ATI", "QNA-ATI", "Phó Chủ tịch UBND xã");

    // Everyone else: five members per commune team, six per village team
    // (the demo member above is Phú Phong's sixth).
    let n = 0;
    for (const commune of TREE.children ?? []) {
      const highland = commune.code === "QNA-ATI";
      for (const position of COMMUNE_POSITIONS.slice(commune.code === "QNA-DTH" ? 2 : 1)) {
        n++;
        await demo(`0388${String(n).padStart(6, "0")}`, personName(n, highland), "member", commune.code, null, position);
      }
      for (const village of commune.children ?? []) {
        const positions = village.code === "QNA-DTH-01" ? VILLAGE_POSITIONS.slice(1) : VILLAGE_POSITIONS;
        for (const position of positions) {
          n++;
          await demo(`0388${String(n).padStart(6, "0")}`, personName(n, highland), "member", village.code, null, position);
        }
      }
    }

    // Local OCOP products (as seed 001 lists Tứ Kỳ's) and the Zalo groups the
    // village teams run; A Tiêng's teams have not said yet.
    const ocop = [
      { name: "Gạo bãi rươi", stars: 4, marketplaces: "Postmart, Voso" },
      { name: "Rươi cấp đông", stars: 3, marketplaces: "Postmart" },
      { name: "Chả rươi", stars: 4, marketplaces: "Voso, Shopee" },
      { name: "Nấm sò", stars: 3, marketplaces: "" },
      { name: "Nấm đông trùng hạ thảo", stars: 4, marketplaces: "Postmart" },
    ];
    for (const product of ocop) {
      await tx.ocopProduct.create({
        data: { ...product, online: product.marketplaces !== "", unitId: unitByCode.get("QNA-TKY")!.id, updatedById: admin.id },
      });
    }
    for (const [i, village] of (TREE.children ?? []).flatMap((c) => (c.code === "QNA-ATI" ? [] : (c.children ?? []))).entries()) {
      await tx.team.update({ where: { id: teamByCode.get(village.code)! }, data: { zaloGroups: 1 + (i % 2) } });
    }
  });
  const activity = await seedActivity(prisma);
  if (options.log) {
    const users = await prisma.user.count();
    const units = await prisma.unit.count();
    const completions = await prisma.completion.count();
    console.log(`Seeded ${units} units, ${units} teams, ${users} users, ${activity.sessions} past sessions and ${completions} lesson completions.`);
    console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.phone}  ${account.label}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { prisma, closeDb } = await import("../app/utils/db.server");
  seed(prisma, { log: true })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(closeDb);
}
