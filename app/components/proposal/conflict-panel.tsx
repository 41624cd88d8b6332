import { Link } from "@remix-run/react";
import type { Category, Group } from "~/domain/edition";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { answerField } from "~/schemas/proposal";
import { named, sectionTitle } from "./text";

const HEADER_LABELS: Record<string, MessageKey> = {
  title: "proposal.field.title",
  serviceUnit: "proposal.field.serviceUnit",
  innovatorKind: "proposal.field.innovatorKind",
  innovatorNames: "proposal.field.innovatorNames",
  innovatorDecree: "proposal.field.innovatorDecree",
  startedOn: "proposal.field.startedOn",
  categoryId: "proposal.field.category",
  contactName: "proposal.field.contactName",
  contactEmail: "proposal.field.contactEmail",
  contactPhone: "proposal.field.contactPhone",
  videoUrl: "proposal.field.videoUrl",
  declaration: "proposal.field.declaration",
};

/**
 * Someone else saved while this person was typing. Nothing was overwritten:
 * for each field that differs, the saved version ("theirs") and what this
 * person typed ("yours", still in the form below) side by side. Saving again
 * keeps theirs-as-typed on top of the newer version; reloading takes the saved one.
 */
export function ConflictPanel({
  differing,
  theirs,
  yours,
  savedAt,
  group,
  categories,
  number,
}: {
  differing: string[];
  theirs: Record<string, string>;
  yours: Record<string, string>;
  savedAt: string;
  group: Group;
  categories: Category[];
  number: string;
}) {
  const t = useT();
  const locale = useLocale();
  const label = (field: string): string => {
    const section = group.sections.find((s) => answerField(s.key) === field);
    if (section) return sectionTitle(section, locale);
    const key = HEADER_LABELS[field];
    return key ? t(key) : field;
  };
  const show = (field: string, v: string | undefined): string => {
    const value = v ?? "";
    if (field === "categoryId") {
      const c = categories.find((x) => x.id === value);
      return c ? named(c, locale) : "—";
    }
    if (field === "declaration") return value === "on" ? t("common.yes") : t("common.no");
    if (field === "innovatorKind") return t(value === "team" ? "proposal.innovatorKind.team" : "proposal.innovatorKind.person");
    return value === "" ? "—" : value;
  };
  return (
    <section className="card alert-warn conflict" aria-labelledby="conflict-heading" id="conflict">
      <h2 id="conflict-heading">{t("proposal.conflict.title")}</h2>
      <p>{t("proposal.conflict.lead", { time: formatWib(savedAt, locale) })}</p>
      <div className="table-wrap">
        <table className="conflict-table">
          <caption className="muted small">{t("proposal.conflict.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("proposal.conflict.field")}</th>
              <th scope="col">{t("proposal.conflict.theirs")}</th>
              <th scope="col">{t("proposal.conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((f) => (
              <tr key={f}>
                <th scope="row">
                  <a href={`#${f}`}>{label(f)}</a>
                </th>
                <td className="pre">{show(f, theirs[f])}</td>
                <td className="pre">{show(f, yours[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("proposal.conflict.howTo")}</p>
      <div className="proposal-actions">
        <button type="submit" form="proposal-form" name="intent" value="save" className="button">
          {t("proposal.conflict.keepMine")}
        </button>
        <Link to={`/proposals/${number}`} className="button button-secondary" reloadDocument>
          {t("proposal.conflict.reload")}
        </Link>
      </div>
    </section>
  );
}
