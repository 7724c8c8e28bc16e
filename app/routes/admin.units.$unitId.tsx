import { getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionCard, SelectField } from "~/components/admin-form";
import { DoneNotice, useIntentForm } from "~/components/intent-form";
import { Field } from "~/components/field";
import { UnitCodeList } from "~/components/unit-code-input";
import { formatVietnamDateTime } from "~/utils/time";
import { createTeam } from "~/models/admin-members.server";
import {
  activateUnit,
  createChildUnit,
  deactivateUnit,
  mergeUnit,
  moveUnit,
  renameUnit,
  setHouseholds,
  unitDetails,
  unitSuggestions,
} from "~/models/admin-units.server";
import { unitAncestry, unitLevels } from "~/models/unit.server";
import { handleForm } from "~/utils/form-action.server";
import { AddChildUnitSchema, AddTeamSchema, HouseholdsSchema, MergeUnitSchema, MoveUnitSchema, RenameSchema, ToggleSchema } from "~/utils/admin-forms";
import { requireAdmin } from "~/utils/admin-guard.server";
import { requireUnitInScope } from "~/utils/scope.server";
import { isInSubtree } from "~/utils/unit-path";
import { readForm, requireId } from "~/utils/request-body.server";
import type { RouteHandle } from "~/root";
import { titleFrom } from "~/utils/page-title";

export const handle: RouteHandle = { title: titleFrom<typeof loader>((data, t) => [data?.unit.name, t("pageTitles.admin")]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireAdmin(request);
  const { id, path, parentId } = await requireUnitInScope(user, requireId(params.unitId));
  const [details, ancestry, levels] = await Promise.all([unitDetails(id), unitAncestry(path), unitLevels()]);
  // Move and merge targets are usually near: suggest the units under the grandparent (within scope).
  const near = ancestry.length >= 3 && parentId !== scope.id ? ancestry.slice(0, -2) : null;
  const nearPath = near ? `/${near.map((u) => u.id).join("/")}/` : scope.path;
  const suggestions = await unitSuggestions(scope.path, isInSubtree(scope.path, nearPath) ? nearPath : scope.path);
  const scopeDepth = scope.path.split("/").filter(Boolean).length;
  return json({
    ...details,
    isScopeRoot: id === scope.id,
    ancestry: ancestry.slice(scopeDepth - 1, -1),
    childLevels: levels.filter((l) => l.rank > details.unit.level.rank),
    suggestions: suggestions.filter((s) => s.code !== details.unit.code),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor } = await requireAdmin(request);
  const { id } = await requireUnitInScope(user, requireId(params.unitId));
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "rename":
      return handleForm(formData, RenameSchema, async (v) => {
        await renameUnit(actor, id, v.name);
        return { done: { key: "admin.units.done.rename" } };
      });
    case "households":
      return handleForm(formData, HouseholdsSchema, async (v) => {
        await setHouseholds(actor, id, v.households);
        return { done: { key: "admin.units.done.households" } };
      });
    case "addChild":
      return handleForm(formData, AddChildUnitSchema, async (v) => {
        await createChildUnit(actor, { parentId: id, code: v.code, name: v.name, levelKey: v.levelKey, households: v.households });
        return { done: { key: "admin.units.done.addChild" } };
      });
    case "addTeam":
      return handleForm(formData, AddTeamSchema, async (v) => {
        await createTeam(actor, id, v.name);
        return { done: { key: "admin.units.done.addTeam" } };
      });
    case "move":
      return handleForm(formData, MoveUnitSchema, async (v) => {
        await moveUnit(actor, id, v.code);
        return { done: { key: "admin.units.done.move" } };
      });
    case "merge":
      return handleForm(formData, MergeUnitSchema, async (v) => {
        const moved = await mergeUnit(actor, id, v.code);
        return { done: { key: "admin.units.done.merge", params: moved } };
      });
    default:
      return handleForm(formData, ToggleSchema, async (v) => {
        if (v.intent === "deactivate") await deactivateUnit(actor, id);
        else await activateUnit(actor, id);
        return { done: { key: `admin.units.done.${v.intent}` } };
      });
  }
}

export default function AdminUnit() {
  const data = useLoaderData<typeof loader>();
  const { unit } = data;
  const { t, i18n } = useTranslation();
  const levelName = (l: { nameVi: string; nameEn: string }) => (i18n.language === "en" ? l.nameEn : l.nameVi);
  const [renameForm, renameFields] = useIntentForm("rename", RenameSchema, { name: unit.name });
  const [householdsForm, householdsFields] = useIntentForm("households", HouseholdsSchema, { households: unit.households?.toString() ?? "" });
  const [childForm, childFields] = useIntentForm("addChild", AddChildUnitSchema);
  const [teamForm, teamFields] = useIntentForm("addTeam", AddTeamSchema);
  const [moveForm, moveFields] = useIntentForm("move", MoveUnitSchema);
  const [mergeForm, mergeFields] = useIntentForm("merge", MergeUnitSchema);
  const [toggleForm] = useIntentForm(unit.active ? "deactivate" : "activate", ToggleSchema);

  return (
    <div>
      <nav aria-label={t("admin.units.breadcrumb")} className="mb-2 text-stone-700">
        {data.ancestry.map((a) => (
          <span key={a.id}>
            <Link to={`/admin/units/${a.id}`} className="link-tap">
              {a.name}
            </Link>
            {" › "}
          </span>
        ))}
      </nav>
      <h1 className="text-3xl font-bold leading-tight">{unit.name}</h1>
      <p className="mb-3 text-stone-700">
        {levelName(unit.level)} · {t("admin.common.code")}: <span className="font-mono">{unit.code}</span> ·{" "}
        <span className={unit.active ? "text-brand-800" : "font-semibold text-red-800"}>
          {unit.active ? t("admin.common.active") : t("admin.common.inactive")}
        </span>
      </p>
      {unit.mergedInto ? (
        <p className="mb-3 rounded-lg border-2 border-amber-600 bg-amber-50 p-3">
          {t("admin.units.mergedInto", { name: unit.mergedInto.name, date: unit.mergedAt ? formatVietnamDateTime(unit.mergedAt) : "" })}{" "}
          <Link to={`/admin/units/${unit.mergedInto.id}`} className="link-tap">
            {unit.mergedInto.code}
          </Link>
        </p>
      ) : null}
      <DoneNotice />

      <section className="card mb-4">
        <dl className="mb-2">
          <dt className="text-stone-600">{t("admin.units.households")}</dt>
          <dd className="text-xl font-bold tabular-nums" data-testid="households">
            {unit.households ?? "—"}
          </dd>
        </dl>
        {unit.formerNames.length ? (
          <>
            <h2 className="font-semibold text-stone-600">{t("admin.units.formerNames")}</h2>
            <ul className="mb-2">
              {unit.formerNames.map((f) => (
                <li key={f.until}>{t("admin.units.formerName", { name: f.name, date: formatVietnamDateTime(f.until) })}</li>
              ))}
            </ul>
          </>
        ) : null}
        {unit.mergedFrom.length ? (
          <>
            <h2 className="font-semibold text-stone-600">{t("admin.units.mergedFrom")}</h2>
            <ul>
              {unit.mergedFrom.map((m) => (
                <li key={m.id}>
                  <Link to={`/admin/units/${m.id}`} className="link-tap">
                    {m.name}
                  </Link>{" "}
                  ({m.code})
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card mb-4" aria-labelledby="teams-title">
        <h2 id="teams-title" className="mb-2 text-xl font-bold">
          {t("admin.units.teams")}
        </h2>
        {data.teams.length === 0 ? <p>{t("admin.units.noTeams")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {data.teams.map((team) => (
            <li key={team.id}>
              <Link to={`/admin/teams/${team.id}`} className="flex min-h-tap flex-wrap items-center justify-between gap-x-3 py-2 no-underline">
                <span className="link">{team.name}</span>
                <span className={team.active ? "text-stone-700" : "text-red-800"}>
                  {team.active ? t("admin.units.memberCount", { count: team.members }) : t("admin.common.inactive")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="card mb-4" aria-labelledby="children-title">
        <h2 id="children-title" className="mb-2 text-xl font-bold">
          {t("admin.units.children")}
        </h2>
        {data.children.length === 0 ? <p>{t("admin.units.noChildren")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {data.children.map((c) => (
            <li key={c.id}>
              <Link to={`/admin/units/${c.id}`} className="flex min-h-tap flex-wrap items-center justify-between gap-x-3 py-2 no-underline">
                <span>
                  <span className="link">{c.name}</span> <span className="font-mono text-sm text-stone-600">{c.code}</span>
                </span>
                <span className={c.active ? "text-stone-700" : "text-red-800"}>{c.active ? levelName(c.level) : t("admin.common.inactive")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <UnitCodeList id="unit-codes" units={data.suggestions} />
      <ActionCard title={t("admin.units.rename")} intent="rename" form={renameForm} submitLabel={t("admin.common.save")}>
        <Field
          id={renameFields.name.id}
          label={t("admin.units.newName")}
          errors={renameFields.name.errors}
          inputProps={getInputProps(renameFields.name, { type: "text" })}
        />
      </ActionCard>
      <ActionCard title={t("admin.units.setHouseholds")} intent="households" form={householdsForm} submitLabel={t("admin.common.save")}>
        <Field
          id={householdsFields.households.id}
          label={t("admin.units.households")}
          hint={t("admin.units.householdsHint")}
          errors={householdsFields.households.errors}
          inputProps={{ ...getInputProps(householdsFields.households, { type: "text" }), inputMode: "numeric" }}
        />
      </ActionCard>
      {unit.active && data.childLevels.length ? (
        <ActionCard title={t("admin.units.addChild")} intent="addChild" form={childForm} submitLabel={t("admin.units.addChild")}>
          <Field
            id={childFields.name.id}
            label={t("admin.common.name")}
            errors={childFields.name.errors}
            inputProps={getInputProps(childFields.name, { type: "text" })}
          />
          <Field
            id={childFields.code.id}
            label={t("admin.units.newCode")}
            hint={t("admin.units.newCodeHint")}
            errors={childFields.code.errors}
            inputProps={{ ...getInputProps(childFields.code, { type: "text" }), autoCapitalize: "characters" }}
          />
          <SelectField
            id={childFields.levelKey.id}
            label={t("admin.common.level")}
            errors={childFields.levelKey.errors}
            options={data.childLevels.map((l) => ({ value: l.key, label: levelName(l) }))}
            selectProps={{
              name: childFields.levelKey.name,
              defaultValue: data.childLevels[data.childLevels.length > 1 && data.childLevels[0].key === "district" ? 1 : 0]?.key,
            }}
          />
          <Field
            id={childFields.households.id}
            label={t("admin.units.households")}
            hint={t("admin.units.householdsHint")}
            errors={childFields.households.errors}
            inputProps={{ ...getInputProps(childFields.households, { type: "text" }), inputMode: "numeric" }}
          />
        </ActionCard>
      ) : null}
      {unit.active ? (
        <ActionCard title={t("admin.units.addTeam")} intent="addTeam" form={teamForm} submitLabel={t("admin.units.addTeam")}>
          <Field
            id={teamFields.name.id}
            label={t("admin.units.teamName")}
            errors={teamFields.name.errors}
            inputProps={getInputProps(teamFields.name, { type: "text" })}
          />
        </ActionCard>
      ) : null}
      {!data.isScopeRoot && unit.active ? (
        <>
          <ActionCard title={t("admin.units.move")} hint={t("admin.units.moveHint")} intent="move" form={moveForm} submitLabel={t("admin.units.move")}>
            <Field
              id={moveFields.code.id}
              label={t("admin.units.newParent")}
              hint={t("admin.common.unitCodeHint")}
              errors={moveFields.code.errors}
              inputProps={{ ...getInputProps(moveFields.code, { type: "text" }), list: "unit-codes", autoCapitalize: "characters" }}
            />
          </ActionCard>
          <ActionCard
            title={t("admin.units.merge")}
            hint={t("admin.units.mergeHint")}
            intent="merge"
            form={mergeForm}
            submitLabel={t("admin.units.mergeConfirm")}
            danger
          >
            <Field
              id={mergeFields.code.id}
              label={t("admin.units.mergeInto")}
              hint={t("admin.common.unitCodeHint")}
              errors={mergeFields.code.errors}
              inputProps={{ ...getInputProps(mergeFields.code, { type: "text" }), list: "unit-codes", autoCapitalize: "characters" }}
            />
          </ActionCard>
        </>
      ) : null}
      {!data.isScopeRoot && !unit.mergedInto ? (
        <ActionCard
          title={unit.active ? t("admin.common.deactivate") : t("admin.common.activate")}
          hint={unit.active ? t("admin.units.deactivateHint") : undefined}
          intent={unit.active ? "deactivate" : "activate"}
          form={toggleForm}
          submitLabel={unit.active ? t("admin.common.deactivate") : t("admin.common.activate")}
          danger={unit.active}
        />
      ) : null}
    </div>
  );
}
