import { getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminMemberLine } from "~/components/member-line";
import { ActionCard } from "~/components/admin-form";
import { DoneNotice, useFormActionData, useIntentForm } from "~/components/intent-form";
import { Field } from "~/components/field";
import { LoginSlips } from "~/components/login-slips";
import { UnitCodeList } from "~/components/unit-code-input";
import {
  createMember,
  issueTeamPasswords,
  moveTeam,
  renameTeam,
  setTeamActive,
  setTeamZaloGroups,
  teamDetails,
  teamInScope,
} from "~/models/admin-members.server";
import { unitSuggestions } from "~/models/admin-units.server";
import { handleForm } from "~/utils/form-action.server";
import { type SlipSheet, slipSheet } from "~/utils/admin-action.server";
import { MemberSchema, MoveUnitSchema, RenameSchema, ToggleSchema, ZaloSchema } from "~/utils/admin-forms";
import { requireAdmin } from "~/utils/admin-guard.server";
import { z } from "zod";
import { readForm, requireId } from "~/utils/request-body.server";
import { CsrfField } from "~/components/csrf-field";
import type { RouteHandle } from "~/root";
import { titleFrom } from "~/utils/page-title";

export const handle: RouteHandle = { title: titleFrom<typeof loader>((data, t) => [data?.team.name, t("pageTitles.admin")]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireAdmin(request);
  const { id } = await teamInScope(actor, requireId(params.teamId));
  const team = await teamDetails(id);
  return json({ team, suggestions: await unitSuggestions(scope.path, scope.path) });
}

const SlipsSchema = z.object({ intent: z.literal("slips") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const { id } = await teamInScope(actor, requireId(params.teamId));
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "addMember":
      return handleForm(formData, MemberSchema, async (v) => {
        const created = await createMember(actor, id, { name: v.name, phone: v.phone, position: v.position });
        const slip = { name: created.name, phone: created.phone, password: created.password, team: "" };
        return { done: { key: "admin.members.created" }, slips: await slipSheet(request, [slip]) };
      });
    case "rename":
      return handleForm(formData, RenameSchema, async (v) => {
        await renameTeam(actor, id, v.name);
        return { done: { key: "admin.teams.done.rename" } };
      });
    case "zalo":
      return handleForm(formData, ZaloSchema, async (v) => {
        await setTeamZaloGroups(actor, id, v.zaloGroups);
        return { done: { key: "admin.teams.done.zalo" } };
      });
    case "move":
      return handleForm(formData, MoveUnitSchema, async (v) => {
        await moveTeam(actor, id, v.code);
        return { done: { key: "admin.teams.done.move" } };
      });
    case "slips":
      return handleForm(formData, SlipsSchema, async () => {
        const slips = await issueTeamPasswords(actor, id);
        return slips.length ? { slips: await slipSheet(request, slips) } : { done: { key: "admin.teams.done.noneWaiting" } };
      });
    default:
      return handleForm(formData, ToggleSchema, async (v) => {
        await setTeamActive(actor, id, v.intent === "activate");
        return { done: { key: `admin.teams.done.${v.intent}` } };
      });
  }
}

export default function AdminTeam() {
  const { team, suggestions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const data = useFormActionData();
  const navigation = useNavigation();
  const slips = data?.slips as SlipSheet | null | undefined;
  const waiting = team.members.filter((m) => m.active && !m.hasPassword).length;
  const [memberForm, memberFields] = useIntentForm("addMember", MemberSchema);
  const [renameForm, renameFields] = useIntentForm("rename", RenameSchema, { name: team.name });
  const [moveForm, moveFields] = useIntentForm("move", MoveUnitSchema);
  const [zaloForm, zaloFields] = useIntentForm("zalo", ZaloSchema, { zaloGroups: team.zaloGroups === null ? "" : String(team.zaloGroups) });
  const [toggleForm] = useIntentForm(team.active ? "deactivate" : "activate", ToggleSchema);

  if (slips) {
    return (
      <div>
        <DoneNotice />
        <LoginSlips {...slips} />
        <Link to={`/admin/teams/${team.id}`} className="btn-secondary print:hidden" reloadDocument>
          {t("admin.common.back")}
        </Link>
      </div>
    );
  }
  return (
    <div>
      <p className="mb-2">
        <Link to={`/admin/units/${team.unit.id}`} className="link-tap">
          {team.unit.name}
        </Link>
      </p>
      <h1 className="text-3xl font-bold leading-tight">{team.name}</h1>
      <p className="mb-3 text-stone-700">
        {t("admin.teams.title")} ·{" "}
        <span className={team.active ? "text-brand-800" : "font-semibold text-red-800"}>
          {team.active ? t("admin.common.active") : t("admin.common.inactive")}
        </span>{" "}
        ·{" "}
        <span data-testid="team-zalo">{team.zaloGroups === null ? t("admin.teams.zaloUnknown") : t("admin.teams.zaloCount", { count: team.zaloGroups })}</span>
      </p>
      <DoneNotice />

      <section className="card mb-4" aria-labelledby="members-title">
        <h2 id="members-title" className="mb-2 text-xl font-bold">
          {t("admin.teams.members")} ({team.members.filter((m) => m.active).length})
        </h2>
        {team.members.length === 0 ? <p>{t("admin.teams.noMembers")}</p> : null}
        <ul className="divide-y divide-stone-200" data-testid="team-members">
          {team.members.map((m) => (
            <li key={m.id}>
              <AdminMemberLine member={m} where={[m.position]} more={[m.active && !m.hasPassword ? t("admin.teams.noPassword") : null]} className="py-2" />
            </li>
          ))}
        </ul>
      </section>

      {waiting > 0 ? (
        <Form method="post" className="card mb-4 border-2 border-amber-600">
          <CsrfField />
          <input type="hidden" name="intent" value="slips" />
          <p className="mb-3">{t("admin.teams.slipsHint", { count: waiting })}</p>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
            {t("admin.teams.slips")}
          </button>
        </Form>
      ) : null}

      {team.active ? (
        <ActionCard title={t("admin.teams.addMember")} intent="addMember" form={memberForm} submitLabel={t("admin.teams.addMember")}>
          <Field
            id={memberFields.name.id}
            label={t("admin.members.name")}
            errors={memberFields.name.errors}
            inputProps={getInputProps(memberFields.name, { type: "text" })}
          />
          <Field
            id={memberFields.phone.id}
            label={t("admin.members.phone")}
            hint={t("login.phoneHint")}
            errors={memberFields.phone.errors}
            inputProps={{ ...getInputProps(memberFields.phone, { type: "tel" }), inputMode: "tel" }}
          />
          <Field
            id={memberFields.position.id}
            label={t("admin.members.position")}
            hint={t("admin.members.positionHint")}
            errors={memberFields.position.errors}
            inputProps={getInputProps(memberFields.position, { type: "text" })}
          />
        </ActionCard>
      ) : null}
      <ActionCard title={t("admin.teams.rename")} intent="rename" form={renameForm} submitLabel={t("admin.common.save")}>
        <Field
          id={renameFields.name.id}
          label={t("admin.units.teamName")}
          errors={renameFields.name.errors}
          inputProps={getInputProps(renameFields.name, { type: "text" })}
        />
      </ActionCard>
      <ActionCard title={t("admin.teams.zalo")} intent="zalo" form={zaloForm} submitLabel={t("admin.common.save")}>
        <Field
          id={zaloFields.zaloGroups.id}
          label={t("admin.teams.zaloGroups")}
          hint={t("admin.teams.zaloHint")}
          errors={zaloFields.zaloGroups.errors}
          inputProps={{ ...getInputProps(zaloFields.zaloGroups, { type: "text" }), inputMode: "numeric", autoComplete: "off" }}
        />
      </ActionCard>
      <UnitCodeList id="unit-codes" units={suggestions} />
      <ActionCard title={t("admin.teams.move")} intent="move" form={moveForm} submitLabel={t("admin.teams.move")}>
        <Field
          id={moveFields.code.id}
          label={t("admin.teams.newUnit")}
          hint={t("admin.common.unitCodeHint")}
          errors={moveFields.code.errors}
          inputProps={{ ...getInputProps(moveFields.code, { type: "text" }), list: "unit-codes", autoCapitalize: "characters" }}
        />
      </ActionCard>
      <ActionCard
        title={team.active ? t("admin.common.deactivate") : t("admin.common.activate")}
        hint={team.active ? t("admin.teams.deactivateHint") : undefined}
        intent={team.active ? "deactivate" : "activate"}
        form={toggleForm}
        submitLabel={team.active ? t("admin.common.deactivate") : t("admin.common.activate")}
        danger={team.active}
      />
    </div>
  );
}
