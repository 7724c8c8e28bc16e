import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";
import { PageScript } from "~/components/page-script";
import { Stepper } from "~/components/stepper";
import { recordEvent, teamEvents, today } from "~/models/guidance-event.server";
import { EVENT_MEMBER_FIELD } from "~/offline/protocol";
import { sentList, sentText, submissionProblem, useFormActionData, useIntentForm } from "~/components/intent-form";
import { RuleMessage } from "~/components/rule-message";
import { handleForm } from "~/utils/form-action.server";
import { RuleError } from "~/utils/rule-error";
import { requireUser } from "~/utils/auth.server";
import { EVENT_COUNT_KEYS, GuidanceEventSchema, GUIDANCE_PARTNERS, GUIDANCE_PLACES, GUIDANCE_SKILLS } from "~/utils/guidance";
import { readForm } from "~/utils/request-body.server";
import type { RouteHandle } from "~/root";

// Plain HTML: the form posts as a form; the page script adds the steppers, a
// fresh event id per form, and the phone's queue when there is no connection
// (the service worker keeps an event whose post fails, too).
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.events" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    userId: user.id,
    team: user.team ? { name: user.team.name } : null,
    today: today(),
    // An id for this form when the page script does not run; the script replaces it for each new event.
    sheet: crypto.randomUUID(),
    events: user.team ? await teamEvents(user.team.id) : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleForm(await readForm(request), GuidanceEventSchema, async (event) => {
    if (!user.team) throw new RuleError("events.noTeam");
    // The server's clock stands for the phone's: a form post is sent when it is made.
    const outcome = await recordEvent(user, { ...event, deviceTime: new Date().toISOString() });
    // Post/redirect/get: a reload does not send it again (and if it did, the id would be recognised).
    throw redirect(`/events?saved=${outcome.id}`);
  });
}

export default function EventsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useFormActionData();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useIntentForm("event", GuidanceEventSchema);
  if (!data.team) return <p className="card">{t("events.noTeam")}</p>;
  // After a refusal the form comes back as it was sent (conform's initial values).
  const value = (name: keyof typeof fields) => sentText(fields[name]);
  const ticked = (name: "skills" | "partners", key: string) => sentList(fields[name]).includes(key);
  const words = {
    pending: t("events.queue.pending"),
    synced: t("events.queue.synced"),
    rejected: t("events.queue.rejected"),
    otherUser: t("offline.client.otherUser"),
    signedOut: t("offline.client.signedOut"),
    residents: t("events.queue.residents", { count: "{{count}}" as unknown as number }),
    errors: Object.fromEntries(
      ["date", "future", "tooOld", "place", "skills", "partners", "count", "residents", "tooManyAccounts", "noteLong", "sheet"].map((k) => [
        `events.errors.${k}`,
        t(messageKey(`events.errors.${k}`)),
      ]),
    ),
  };
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("events.title")}</h1>
      <p className="mb-4 text-stone-700">{t("events.intro", { team: data.team.name })}</p>
      {params.get("saved") && !actionData ? (
        <p className="mb-3 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold" role="status" data-testid="event-saved">
          {t("events.saved")}
        </p>
      ) : null}
      <RuleMessage message={submissionProblem(actionData)} />
      {/* Events kept on this phone (filled by the page script from the phone's store). */}
      <section className="card mb-4" data-event-queue data-words={JSON.stringify(words)} aria-labelledby="queue-title" data-testid="event-queue" hidden>
        <h2 id="queue-title" className="text-lg font-semibold text-stone-700">
          {t("events.queue.title")}
        </h2>
        <ul className="divide-y divide-stone-200" data-event-list />
      </section>

      <Form method="post" className="card mb-6" data-event-form {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="event" />
        <input type="hidden" name="sheet" value={value("sheet") || data.sheet} />
        <input type="hidden" name={EVENT_MEMBER_FIELD} value={data.userId} />
        <label htmlFor="e-date" className="field-label">
          {t("events.date")}
        </label>
        <input id="e-date" name="date" type="date" max={data.today} defaultValue={value("date") || data.today} className="field-input mb-4" required />

        <fieldset className="mb-4">
          <legend className="field-label">{t("events.place")}</legend>
          <div className="grid grid-cols-1 gap-1">
            {GUIDANCE_PLACES.map((place) => (
              <label key={place} className="flex min-h-tap items-center gap-3">
                <input
                  type="radio"
                  name="place"
                  value={place}
                  defaultChecked={(value("place") || "village-hall") === place}
                  className="h-6 w-6 accent-brand-700"
                />
                {t(messageKey(`events.places.${place}`))}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="mb-4">
          <legend className="field-label">{t("events.skills")}</legend>
          <div className="grid grid-cols-1 gap-1">
            {GUIDANCE_SKILLS.map((skill) => (
              <label key={skill} className="flex min-h-tap items-center gap-3">
                <input type="checkbox" name="skills" value={skill} defaultChecked={ticked("skills", skill)} className="h-6 w-6 accent-brand-700" />
                {t(messageKey(`events.skillNames.${skill}`))}
              </label>
            ))}
          </div>
        </fieldset>

        <Stepper id="e-residents" name="residents" label={t("events.residents")} defaultValue={value("residents")} />
        <p className="mb-2 font-semibold">{t("events.helpedTo")}</p>
        {EVENT_COUNT_KEYS.filter((k) => k !== "residents").map((key) => (
          <Stepper key={key} id={`e-${key}`} name={key} label={t(messageKey(`events.counts.${key}`))} defaultValue={value(key)} />
        ))}

        <fieldset className="mb-4">
          <legend className="field-label">{t("events.partners")}</legend>
          <div className="grid grid-cols-1 gap-1">
            {GUIDANCE_PARTNERS.map((partner) => (
              <label key={partner} className="flex min-h-tap items-center gap-3">
                <input type="checkbox" name="partners" value={partner} defaultChecked={ticked("partners", partner)} className="h-6 w-6 accent-brand-700" />
                {t(messageKey(`events.partnerNames.${partner}`))}
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="e-note" className="field-label">
          {t("events.note")}
        </label>
        <textarea id="e-note" name="note" rows={2} maxLength={500} defaultValue={value("note")} className="field-input mb-4" />
        <button type="submit" className="btn-primary w-full text-lg">
          {t("events.save")}
        </button>
      </Form>

      <h2 className="mb-2 text-xl font-bold">{t("events.recent")}</h2>
      {data.events.length === 0 ? (
        <p>{t("events.none")}</p>
      ) : (
        <ul className="space-y-2" data-testid="team-events">
          {data.events.map((e) => (
            <li key={e.id} className="card p-3" data-event={e.clientId}>
              <p className="font-semibold">
                {e.date.split("-").reverse().join("/")} · {t(messageKey(`events.places.${e.place}`))}
              </p>
              <p>
                {t("events.residentsCame", { count: e.residents })}
                {e.counts.length ? ` · ${e.counts.map((c) => `${t(messageKey(`results.kinds.${c.kind}`))}: ${c.count}`).join(" · ")}` : ""}
              </p>
              <p className="text-stone-700">
                {e.skills.map((s) => t(messageKey(`events.skillNames.${s}`))).join(", ")}
                {e.partners.length ? ` · ${t("events.with")} ${e.partners.map((p) => t(messageKey(`events.partnerNames.${p}`))).join(", ")}` : ""}
              </p>
              <p className="text-stone-600">{t("events.by", { name: e.by })}</p>
            </li>
          ))}
        </ul>
      )}
      <PageScript />
    </div>
  );
}
