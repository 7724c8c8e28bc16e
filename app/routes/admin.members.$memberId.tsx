import { getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ActionCard, SelectField } from "~/components/admin-form";
import { DoneNotice, useFormActionData, useIntentForm } from "~/components/intent-form";
import { Field } from "~/components/field";
import { LoginSlips } from "~/components/login-slips";
import { UnitCodeList } from "~/components/unit-code-input";
import { assignRole, memberDetails, memberInScope, moveMember, resetPassword, setMemberActive, teamChoices, updateMember } from "~/models/admin-members.server";
import { unitSuggestions } from "~/models/admin-units.server";
import { handleForm } from "~/utils/form-action.server";
import { type SlipSheet, slipSheet } from "~/utils/admin-action.server";
import { MemberSchema, MoveMemberSchema, RoleSchema, ToggleSchema } from "~/utils/admin-forms";
import { requireAdmin } from "~/utils/admin-guard.server";
import { roles } from "~/utils/roles";
import { isInSubtree } from "~/utils/unit-path";
import { readForm, requireId } from "~/utils/request-body.server";
import { messageKey } from "~/i18n";
import type { RouteHandle } from "~/root";
import { titleFrom } from "~/utils/page-title";

export const handle: RouteHandle = { title: titleFrom<typeof loader>((data, t) => [data?.member.name, t("pageTitles.admin")]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireAdmin(request);
  const { id } = await memberInScope(actor, requireId(params.memberId));
  const member = await memberDetails(id);
  // Moves are usually within the commune: offer the teams under the team's parent unit.
  const unitPath = member.team?.unit.path ?? scope.path;
  const parentPath = unitPath.split("/").slice(0, -2).join("/") + "/";
  const near = parentPath.length > 1 && isInSubtree(scope.path, parentPath) ? parentPath : scope.path;
  const [teams, suggestions] = await Promise.all([teamChoices(near), unitSuggestions(scope.path, scope.path)]);
  return json({ member, teams, suggestions, self: id === actor.id });
}

const ResetSchema = z.object({ intent: z.literal("reset") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const { id } = await memberInScope(actor, requireId(params.memberId));
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "edit":
      return handleForm(formData, MemberSchema, async (v) => {
        await updateMember(actor, id, { name: v.name, phone: v.phone, position: v.position });
        return { done: { key: "admin.members.done.edit" } };
      });
    case "move":
      return handleForm(formData, MoveMemberSchema, async (v) => {
        await moveMember(actor, id, v.teamId);
        return { done: { key: "admin.members.done.move" } };
      });
    case "role":
      return handleForm(formData, RoleSchema, async (v) => {
        await assignRole(actor, id, v.role, v.role === "member" ? null : (v.scope ?? null));
        return { done: { key: "admin.members.done.role" } };
      });
    case "reset":
      return handleForm(formData, ResetSchema, async () => ({ slips: await slipSheet(request, [await resetPassword(actor, id)]) }));
    default:
      return handleForm(formData, ToggleSchema, async (v) => {
        await setMemberActive(actor, id, v.intent === "activate");
        return { done: { key: `admin.members.done.${v.intent}` } };
      });
  }
}

export default function AdminMember() {
  const { member, teams, suggestions, self } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const data = useFormActionData();
  const slips = data?.slips as SlipSheet | null | undefined;
  const [editForm, editFields] = useIntentForm("edit", MemberSchema, { name: member.name, phone: member.phone, position: member.position ?? "" });
  const [moveForm, moveFields] = useIntentForm("move", MoveMemberSchema, { teamId: String(member.teamId ?? "") });
  const [roleForm, roleFields] = useIntentForm("role", RoleSchema, { role: member.role, scope: member.scopeUnit?.code ?? "" });
  const [resetForm] = useIntentForm("reset", ResetSchema);
  const [toggleForm] = useIntentForm(member.active ? "deactivate" : "activate", ToggleSchema);

  if (slips) {
    return (
      <div>
        <LoginSlips {...slips} />
        <Link to={`/admin/members/${member.id}`} className="btn-secondary print:hidden" reloadDocument>
          {t("admin.common.back")}
        </Link>
      </div>
    );
  }
  const teamOptions =
    teams.some((tm) => tm.id === member.teamId) || !member.team
      ? teams
      : [{ id: member.team.id, name: member.team.name, unit: { name: member.team.unit.name } }, ...teams];
  return (
    <div>
      {member.team ? (
        <p className="mb-2">
          <Link to={`/admin/teams/${member.team.id}`} className="link-tap">
            {member.team.name}
          </Link>{" "}
          · {member.team.unit.name}
        </p>
      ) : null}
      <h1 className="text-3xl font-bold leading-tight">{member.name}</h1>
      <p className="mb-3 text-stone-700">
        <span className="font-mono">{member.phone}</span> · {t(messageKey(`roles.${member.role}`))}
        {member.scopeUnit ? ` · ${member.scopeUnit.name}` : ""} ·{" "}
        <span className={member.active ? "text-brand-800" : "font-semibold text-red-800"}>
          {member.active ? t("admin.common.active") : t("admin.common.inactive")}
        </span>
      </p>
      <DoneNotice />

      <ActionCard title={t("admin.members.edit")} intent="edit" form={editForm} submitLabel={t("admin.common.save")}>
        <Field
          id={editFields.name.id}
          label={t("admin.members.name")}
          errors={editFields.name.errors}
          inputProps={getInputProps(editFields.name, { type: "text" })}
        />
        <Field
          id={editFields.phone.id}
          label={t("admin.members.phone")}
          errors={editFields.phone.errors}
          inputProps={{ ...getInputProps(editFields.phone, { type: "tel" }), inputMode: "tel" }}
        />
        <Field
          id={editFields.position.id}
          label={t("admin.members.position")}
          hint={t("admin.members.positionHint")}
          errors={editFields.position.errors}
          inputProps={getInputProps(editFields.position, { type: "text" })}
        />
      </ActionCard>
      <ActionCard title={t("admin.members.move")} intent="move" form={moveForm} submitLabel={t("admin.members.move")}>
        <SelectField
          id={moveFields.teamId.id}
          label={t("admin.members.newTeam")}
          errors={moveFields.teamId.errors}
          options={teamOptions.map((tm) => ({ value: String(tm.id), label: `${tm.name} (${tm.unit.name})` }))}
          selectProps={{ name: moveFields.teamId.name, defaultValue: String(member.teamId ?? "") }}
        />
      </ActionCard>
      {!self ? (
        <>
          <UnitCodeList id="unit-codes" units={suggestions} />
          <ActionCard title={t("admin.members.roles")} hint={t("admin.members.rolesHint")} intent="role" form={roleForm} submitLabel={t("admin.common.save")}>
            <SelectField
              id={roleFields.role.id}
              label={t("admin.members.role")}
              errors={roleFields.role.errors}
              options={roles.map((r) => ({ value: r, label: t(messageKey(`roles.${r}`)) }))}
              selectProps={{ name: roleFields.role.name, defaultValue: member.role }}
            />
            <Field
              id={roleFields.scope.id}
              label={t("admin.members.scope")}
              hint={t("admin.members.scopeHint")}
              errors={roleFields.scope.errors}
              inputProps={{ ...getInputProps(roleFields.scope, { type: "text" }), list: "unit-codes", autoCapitalize: "characters" }}
            />
          </ActionCard>
          <ActionCard
            title={t("admin.members.resetPassword")}
            hint={`${member.hasPassword ? t("admin.members.hasPassword") : `${t("admin.teams.noPassword")}.`} ${t("admin.members.resetHint")}`}
            intent="reset"
            form={resetForm}
            submitLabel={t("admin.members.resetPassword")}
          />
          <ActionCard
            title={member.active ? t("admin.common.deactivate") : t("admin.common.activate")}
            hint={member.active ? t("admin.members.deactivateHint") : undefined}
            intent={member.active ? "deactivate" : "activate"}
            form={toggleForm}
            submitLabel={member.active ? t("admin.common.deactivate") : t("admin.common.activate")}
            danger={member.active}
          />
        </>
      ) : null}
    </div>
  );
}
