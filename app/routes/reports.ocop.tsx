import { type FieldMetadata, type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ActionCard } from "~/components/admin-form";
import { DoneNotice, useFormActionData } from "~/components/intent-form";
import { RuleMessage } from "~/components/rule-message";
import { CsrfField } from "~/components/csrf-field";
import { Field } from "~/components/field";
import { addOcopProduct, canEditOcop, ocopList, ocopSuggestions, removeOcopProduct, updateOcopProduct } from "~/models/ocop.server";
import { reportContext } from "~/utils/report-access.server";
import { childUnitsWithCounts, isUnitActive } from "~/models/unit.server";
import { forbidden } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { OCOP_STARS, OcopAddSchema, OcopDeleteSchema, OcopEditSchema } from "~/utils/report-forms";
import { handleForm } from "~/utils/form-action.server";
import { messageKey } from "~/i18n";
import type { RouteHandle } from "~/root";
import { BackLink } from "~/components/back-link";

export const handle: RouteHandle = { title: "pageTitles.ocop" };

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const [products, children, unitActive] = await Promise.all([ocopList(ctx.unit), childUnitsWithCounts(ctx.unit.id), isUnitActive(ctx.unit.id)]);
  return json({
    unit: { id: ctx.unit.id, name: ctx.unit.name, parentId: ctx.atScopeTop ? null : ctx.unit.parentId },
    products,
    suggestions: await ocopSuggestions(ctx.unit),
    children: children.map((c) => ({ id: c.id, name: c.name })),
    canEdit: canEditOcop(ctx.user) && unitActive,
    query: ctx.query,
  });
}

/**
 * Adds, edits or removes a product of the unit in the query (or of its subtree,
 * for edits). The answer carries the form as sent (conform's result), so an
 * error shows beside that product's own form (productOf below).
 */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await reportContext(request);
  if (!canEditOcop(ctx.user)) forbidden();
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "add":
      return handleForm(formData, OcopAddSchema, async ({ intent: _, ...input }) => {
        await addOcopProduct(ctx.user, ctx.unit.id, input);
        return { done: { key: "ocop.done.add", params: { name: input.name } } };
      });
    case "edit":
      return handleForm(formData, OcopEditSchema, async ({ intent: _, id, ...input }) => {
        await updateOcopProduct(ctx.user, id, input);
        return { done: { key: "ocop.done.edit", params: { name: input.name } } };
      });
    default:
      return handleForm(formData, OcopDeleteSchema, async ({ id }) => {
        const { name } = await removeOcopProduct(ctx.user, id);
        return { done: { key: "ocop.done.remove", params: { name } } };
      });
  }
}

/** The product a refused submission was about (its form's id as sent), so the error opens beside it. */
function productOf(data: ActionData) {
  const id = (data?.result as { initialValue?: { id?: unknown } } | undefined)?.initialValue?.id;
  return typeof id === "string" ? Number(id) : null;
}

type Product = ReturnType<typeof useLoaderData<typeof loader>>["products"][number];

export default function OcopProducts() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [addForm, addFields] = useProductForm("ocop-add", OcopAddSchema, (data) => data?.intent === "add");
  const online = data.products.filter((p) => p.online).length;
  return (
    <div>
      <BackLink to={`/reports/periodic?${data.query}`}>{t("ocop.back")}</BackLink>
      <h1 className="text-3xl font-bold leading-tight">{t("ocop.title")}</h1>
      <p className="mb-1 text-xl font-semibold" data-testid="ocop-unit">
        {data.unit.name}
      </p>
      <p className="mb-3 text-stone-700">{t("ocop.intro")}</p>
      <DoneNotice />

      <section className="card mb-4" aria-labelledby="ocop-list-title">
        <h2 id="ocop-list-title" className="mb-1 text-xl font-bold">
          {t("ocop.count", { count: data.products.length, online })}
        </h2>
        {data.products.length === 0 ? <p>{t("ocop.none")}</p> : null}
        <ul className="divide-y divide-stone-200" data-testid="ocop-list">
          {data.products.map((p) => (
            <li key={p.id} className="py-2" data-product={p.name}>
              <p className="font-semibold">
                {p.name}{" "}
                <span className="whitespace-nowrap text-amber-700" data-stars={p.stars}>
                  <span aria-hidden="true">{"★".repeat(p.stars)}</span>
                  <span className="sr-only">{t("ocop.starsOption", { count: p.stars })}</span>
                </span>
              </p>
              <p className="text-stone-700">
                {[p.unitId !== data.unit.id ? p.unitName : null, p.online ? p.marketplaces : t("ocop.notOnline")].filter(Boolean).join(" · ")}
              </p>
              {/* Keyed by what it shows, so a saved edit folds the form away. */}
              {data.canEdit ? <EditProduct key={`${p.name}|${p.stars}|${p.online}|${p.marketplaces}`} product={p} /> : null}
            </li>
          ))}
        </ul>
        {data.canEdit ? null : <p className="mt-2 text-stone-600">{t("ocop.readOnly")}</p>}
      </section>
      {data.suggestions.length ? (
        <p className="mb-4 rounded-lg border-l-8 border-amber-600 bg-amber-50 p-3" data-testid="ocop-suggestions">
          {t("ocop.suggestions", { names: data.suggestions.join(", ") })}
        </p>
      ) : null}

      {data.canEdit ? (
        <ActionCard title={t("ocop.addTo", { unit: data.unit.name })} intent="add" form={addForm} submitLabel={t("ocop.add")}>
          <ProductFields fields={addFields} />
        </ActionCard>
      ) : null}

      {data.children.length ? (
        <nav className="card mb-4" aria-labelledby="ocop-children">
          <h2 id="ocop-children" className="mb-1 text-lg font-bold">
            {t("reports.byChild")}
          </h2>
          <ul className="divide-y divide-stone-200">
            {data.children.map((c) => (
              <li key={c.id}>
                <Link to={`/reports/ocop?unit=${c.id}`} className="link block min-h-tap py-2">
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {data.unit.parentId ? (
        <p>
          <Link to={`/reports/ocop?unit=${data.unit.parentId}`} className="link-tap">
            {t("reports.up")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

type ActionData = ReturnType<typeof useFormActionData>;

/**
 * A product form. Errors clear as the field is corrected (on input), not when
 * it loses focus: clearing on blur moves the button up under the finger that
 * is tapping it, and the tap misses.
 */
function useProductForm<Schema extends typeof OcopAddSchema | typeof OcopEditSchema>(
  id: string,
  schema: Schema,
  isMine: (data: ActionData) => boolean,
  defaultValue?: Record<string, string | undefined>,
) {
  const data = useFormActionData() as ActionData;
  return useForm<z.input<Schema>, string[]>({
    id,
    lastResult: isMine(data) ? (data!.result as SubmissionResult<string[]>) : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

type ProductFieldSet = {
  name: FieldMetadata<string>;
  stars: FieldMetadata<number>;
  online: FieldMetadata<boolean>;
  marketplaces: FieldMetadata<string>;
};

/** Name, stars (three radio buttons: big targets on a phone), sold online and where. */
function ProductFields({ fields }: { fields: ProductFieldSet }) {
  const { t } = useTranslation();
  const starsError = fields.stars.errors?.length ? `${fields.stars.id}-error` : undefined;
  return (
    <>
      <Field
        id={fields.name.id}
        label={t("ocop.name")}
        hint={t("ocop.nameHint")}
        errors={fields.name.errors}
        inputProps={getInputProps(fields.name, { type: "text" })}
      />
      <fieldset className="mb-4" aria-describedby={starsError}>
        <legend className="field-label">{t("ocop.stars")}</legend>
        <div className="flex flex-wrap gap-2">
          {OCOP_STARS.map((n) => (
            <label key={n} className="flex min-h-tap items-center gap-2 rounded-lg border border-stone-300 bg-white px-3">
              <input {...getInputProps(fields.stars, { type: "radio", value: String(n) })} className="h-6 w-6 accent-brand-700" />
              {t("ocop.starsOption", { count: n })}
            </label>
          ))}
        </div>
        {starsError ? (
          <p id={starsError} className="field-error" role="alert">
            {fields.stars.errors!.map((e) => t(messageKey(e))).join(" ")}
          </p>
        ) : null}
      </fieldset>
      <label className="mb-3 flex min-h-tap items-center gap-3">
        <input {...getInputProps(fields.online, { type: "checkbox" })} className="h-6 w-6 accent-brand-700" />
        {t("ocop.online")}
      </label>
      <Field
        id={fields.marketplaces.id}
        label={t("ocop.marketplaces")}
        hint={t("ocop.marketplacesHint")}
        errors={fields.marketplaces.errors}
        inputProps={getInputProps(fields.marketplaces, { type: "text" })}
      />
    </>
  );
}

/** A product's own edit and remove forms, folded under it; an error of its own opens them. */
function EditProduct({ product }: { product: Product }) {
  const { t } = useTranslation();
  const data = useFormActionData() as ActionData;
  const navigation = useNavigation();
  const mine = productOf(data) === product.id;
  const [form, fields] = useProductForm(
    `ocop-edit-${product.id}-${product.name}-${product.stars}-${product.online}-${product.marketplaces}`,
    OcopEditSchema,
    (d) => d?.intent === "edit" && productOf(d) === product.id,
    { id: String(product.id), name: product.name, stars: String(product.stars), online: product.online ? "on" : undefined, marketplaces: product.marketplaces },
  );
  const failed = mine && (data?.error !== null || (data?.result as { status?: string } | undefined)?.status === "error");
  const busy = navigation.state === "submitting" && navigation.formData?.get("id") === String(product.id);
  return (
    <details className="mt-1" open={failed || undefined}>
      <summary className="link inline-flex min-h-tap cursor-pointer items-center">
        {t("ocop.edit")}
        <span className="sr-only"> {product.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 rounded-lg border border-stone-200 p-3">
        <CsrfField />
        <input type="hidden" name="intent" value="edit" />
        <input {...getInputProps(fields.id, { type: "hidden" })} />
        <RuleMessage message={mine ? data?.error : null} />
        <ProductFields fields={fields as unknown as ProductFieldSet} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("ocop.save")}
        </button>
      </Form>
      <Form method="post" className="mt-2">
        <CsrfField />
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="id" value={product.id} />
        <p className="mb-2 text-stone-700">{t("ocop.removeHint")}</p>
        <button type="submit" className="btn-danger w-full sm:w-auto" disabled={busy}>
          {t("ocop.remove")}
          <span className="sr-only"> {product.name}</span>
        </button>
      </Form>
    </details>
  );
}
