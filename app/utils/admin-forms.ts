import { z } from "zod";
import { MAX_ID } from "./ids";
import { phoneField } from "./forms";
import { importKinds } from "./import-kinds";
import { roles } from "./roles";

// One schema per admin form, shared by the browser and the server; error
// messages are translation keys. Each form posts an `intent` naming it.

const name = z.string({ required_error: "admin.errors.nameRequired" }).trim().min(1, "admin.errors.nameRequired").max(200);
const unitCode = z
  .string({ required_error: "admin.errors.codeRequired" })
  .trim()
  .min(1, "admin.errors.codeRequired")
  .max(60)
  .regex(/^[A-Za-z0-9_-]+$/, "admin.errors.codeInvalid");
const households = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/[.\s,]/g, "") : ""))
  .refine((v) => v === "" || /^\d{1,9}$/.test(v), "admin.errors.householdsInvalid")
  .transform((v) => (v === "" ? null : Number(v)));
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || null);

/** Zalo groups a team runs: a small whole number, or empty for "not said yet". */
const zaloGroups = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || /^\d{1,3}$/.test(v), "admin.errors.zaloInvalid")
  .transform((v) => (v === "" ? null : Number(v)));

export const RenameSchema = z.object({ intent: z.literal("rename"), name });
export const HouseholdsSchema = z.object({ intent: z.literal("households"), households });
export const AddChildUnitSchema = z.object({
  intent: z.literal("addChild"),
  code: unitCode,
  name,
  levelKey: z.string({ required_error: "admin.errors.levelRequired" }).min(1, "admin.errors.levelRequired"),
  households,
});
export const AddTeamSchema = z.object({ intent: z.literal("addTeam"), name });
export const MoveUnitSchema = z.object({ intent: z.literal("move"), code: unitCode });
export const MergeUnitSchema = z.object({ intent: z.literal("merge"), code: unitCode });
export const ZaloSchema = z.object({ intent: z.literal("zalo"), zaloGroups });
export const ToggleSchema = z.object({ intent: z.enum(["deactivate", "activate"]) });

export const MemberSchema = z.object({ intent: z.enum(["addMember", "edit"]), name, phone: phoneField, position: optionalText });
export const MoveMemberSchema = z.object({
  intent: z.literal("move"),
  teamId: z.coerce
    .number({ required_error: "admin.errors.teamRequired", invalid_type_error: "admin.errors.teamRequired" })
    .int()
    .positive("admin.errors.teamRequired")
    .max(MAX_ID, "admin.errors.teamRequired"),
});
export const RoleSchema = z
  .object({
    intent: z.literal("role"),
    role: z.enum(roles, { required_error: "admin.errors.roleRequired", invalid_type_error: "admin.errors.roleRequired" }),
    scope: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.role === "member" || !!v.scope, { path: ["scope"], message: "admin.errors.scopeRequired" });

// A File in the browser and on the server alike (Remix's upload handler makes its own File class).
const uploadedFile = z.custom<File>((v) => typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0, "admin.import.fileRequired");
export const ImportUploadSchema = z.object({
  kind: z.enum(importKinds),
  file: uploadedFile,
});
