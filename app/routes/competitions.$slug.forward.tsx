import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, FormErrors, SelectField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { forwardWinners, getForwardPage, previewForward, type PlanItem, type TargetOption } from "~/services/forwarding.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Penerusan ke tingkat nasional: ${data.competition.name} · Sayembara` : "Penerusan ke tingkat nasional · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getForwardPage(getDb(), actor, params.slug ?? "");
  const url = new URL(request.url);
  const n = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{1,4}$/.test(v) ? Number(v) : null;
  };
  const created = n("created");
  const edition = page.targets.find((x) => x.slug === url.searchParams.get("to"))?.name ?? "";
  const done = created === null ? null : { created, skipped: n("skipped") ?? 0, edition };
  // The CSV download (a resource route) sends an empty choice back here.
  const downloadError = url.searchParams.get("error") === "chooseWinners";
  return json({ ...page, done, downloadError });
}

const Schema = z.object({
  intent: z.enum(["preview", "forward"], { errorMap: () => ({ message: "errors.invalid" }) }),
  targetSlug: z.string().max(200).optional().default(""),
  winnerIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

type ActionData =
  | { kind: "form"; errors: FieldErrors; values: Record<string, string>; chosen: string[] }
  | { kind: "preview"; target: TargetOption; items: PlanItem[]; forwardable: number; values: Record<string, string>; chosen: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const slug = params.slug ?? "";
  await getForwardPage(db, actor, slug); // 404 / 403 before anything else
  const parsed = parseForm(Schema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ kind: "form", errors: parsed.errors, values: parsed.values, chosen: [] }, 400);
  const { intent, targetSlug, winnerIds } = parsed.data;
  const input = { targetSlug, winnerIds };
  const formFail = (errors: FieldErrors) => json<ActionData>({ kind: "form", errors, values: parsed.values, chosen: winnerIds }, 400);

  if (intent === "preview") {
    const r = await previewForward(db, actor, slug, input);
    if (!r.ok) return formFail(r.errors);
    return json<ActionData>({ kind: "preview", target: r.target, items: r.items, forwardable: r.forwardable, values: parsed.values, chosen: winnerIds });
  }
  const r = await forwardWinners(db, actor, slug, input);
  if (!r.ok) return formFail(r.errors);
  const q = new URLSearchParams({ created: String(r.created.length), skipped: String(r.skipped.length), to: r.target.slug });
  return redirect(`/competitions/${slug}/forward?${q}`);
}

function PreviewTable({ items }: { items: PlanItem[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("forwarding.col.number")}</th>
            <th scope="col">{t("forwarding.col.agency")}</th>
            <th scope="col">{t("forwarding.col.award")}</th>
            <th scope="col">{t("forwarding.col.group")}</th>
            <th scope="col">{t("forwarding.col.category")}</th>
            <th scope="col">{t("forwarding.col.sections")}</th>
            <th scope="col">{t("forwarding.col.result")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.winnerId}>
              <th scope="row">
                {i.sourceNumber}
                <br />
                <span className="muted">{i.title}</span>
              </th>
              <td>{i.agencyName}</td>
              <td>{i.award}</td>
              <td>{i.groupKey ?? "—"}</td>
              <td>{i.categoryKey ?? t("forwarding.noCategory")}</td>
              <td>
                {i.copiedSections.join(", ") || "—"}
                {i.droppedSections.length ? (
                  <>
                    <br />
                    <span className="muted">{t("forwarding.dropped", { keys: i.droppedSections.join(", ") })}</span>
                  </>
                ) : null}
              </td>
              <td>{i.skip ? t(`forwarding.skip.${i.skip}`, { number: i.existingNumber ?? "" }) : t("forwarding.willForward")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ForwardPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const errors = actionData?.kind === "form" ? actionData.errors : undefined;
  const values = actionData?.values ?? {};
  const chosen = new Set(actionData?.chosen ?? []);
  const preview = actionData?.kind === "preview" ? actionData : null;
  const winnerError = errors?.winnerIds ?? (data.downloadError ? ("forwarding.errors.chooseWinners" as const) : undefined);

  return (
    <>
      <PageHeader
        title={t("forwarding.title")}
        lead={data.competition.name}
        breadcrumb={<Link to={`/competitions/${data.competition.slug}`}>{data.competition.name}</Link>}
      />
      <p>{t("forwarding.intro")}</p>
      {data.done ? (
        <Alert kind="success">{t("forwarding.done", { created: data.done.created, skipped: data.done.skipped, edition: data.done.edition })}</Alert>
      ) : null}
      <FormErrors errors={errors} />

      {data.winners.length === 0 ? (
        <Alert kind="info">{t("forwarding.noWinners")}</Alert>
      ) : (
        // reloadDocument: the download button posts to a resource route, which must reach the browser as a file.
        <Form method="post" className="card" reloadDocument>
          <fieldset>
            <legend>{t("forwarding.winnersLegend")}</legend>
            {winnerError ? (
              <span className="error" id="winnerIds-error" role="alert">
                {t(winnerError)}
              </span>
            ) : null}
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("forwarding.col.choose")}</th>
                    <th scope="col">{t("forwarding.col.number")}</th>
                    <th scope="col">{t("forwarding.col.title")}</th>
                    <th scope="col">{t("forwarding.col.agency")}</th>
                    <th scope="col">{t("forwarding.col.award")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.winners.map((w) => (
                    <tr key={w.winnerId}>
                      <td>
                        <input
                          type="checkbox"
                          id={`w-${w.winnerId}`}
                          name="winnerIds"
                          value={w.winnerId}
                          defaultChecked={chosen.has(w.winnerId)}
                          aria-describedby={winnerError ? "winnerIds-error" : undefined}
                        />
                      </td>
                      <th scope="row">
                        <label htmlFor={`w-${w.winnerId}`}>{w.number}</label>
                      </th>
                      <td>{w.title}</td>
                      <td>{w.agencyName}</td>
                      <td>{locale === "en" ? w.tierNameEn || w.tierNameId : w.tierNameId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>

          {data.targets.length === 0 ? <Alert kind="info">{t("forwarding.noTargets")}</Alert> : null}
          <SelectField
            name="targetSlug"
            label={t("forwarding.target")}
            hint={t("forwarding.targetHint")}
            errors={errors}
            defaultValue={values.targetSlug ?? ""}
            placeholder={t("forwarding.chooseTarget")}
            options={data.targets.map((x) => ({
              value: x.slug,
              label: `${x.name} (${x.organizerName})${x.registrationEndsAt ? ` — ${formatWib(x.registrationEndsAt, locale)}` : ""}`,
            }))}
          />
          <div className="actions">
            <button type="submit" name="intent" value="preview">
              {t("forwarding.preview")}
            </button>
            {preview && preview.forwardable > 0 ? (
              <button type="submit" name="intent" value="forward" className="primary">
                {t("forwarding.forward", { count: preview.forwardable })}
              </button>
            ) : null}
            <button type="submit" formAction={`/competitions/${data.competition.slug}/forward.csv`}>
              {t("forwarding.download")}
            </button>
          </div>
          <p className="hint">{t("forwarding.downloadHint")}</p>
        </Form>
      )}

      {preview ? (
        <section className="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("forwarding.previewTitle", { edition: preview.target.name })}</h2>
          {preview.forwardable === 0 ? <Alert kind="info">{t("forwarding.previewNothing")}</Alert> : null}
          <PreviewTable items={preview.items} />
        </section>
      ) : null}
    </>
  );
}
