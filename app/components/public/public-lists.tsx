/**
 * Presentational pieces of the public site: an edition's timeline, a list of
 * announcements, and an announced list (entries). No data access; plain HTML
 * that works without JavaScript.
 */
import { Link } from "@remix-run/react";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export interface TimelineStage {
  stage: string;
  startsAt: string | null;
  endsAt: string | null;
}

/** The dated stages of an edition as a table, the current one marked. */
export function TimelineTable({ name, timeline, current }: { name: string; timeline: TimelineStage[]; current: string | null }) {
  const t = useT();
  const locale = useLocale();
  const dated = timeline.filter((s) => s.startsAt || s.endsAt);
  if (dated.length === 0) return <p className="muted">{t("public.edition.noStage")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("public.edition.timelineCaption", { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("public.edition.stageCol")}</th>
            <th scope="col">{t("public.edition.starts")}</th>
            <th scope="col">{t("public.edition.ends")}</th>
          </tr>
        </thead>
        <tbody>
          {dated.map((s) => (
            <tr key={s.stage} aria-current={s.stage === current ? "step" : undefined}>
              <th scope="row" style={s.stage === current ? undefined : { fontWeight: 400 }}>
                {t(`stage.${s.stage}` as MessageKey)}{" "}
                {s.stage === current ? <span className="badge">{t("public.edition.current")}</span> : null}
              </th>
              <td>{formatWib(s.startsAt, locale)}</td>
              <td>{formatWib(s.endsAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The compact form for cards: dated stages as a list, the current one in bold. */
export function TimelineList({ timeline, current }: { timeline: TimelineStage[]; current: string | null }) {
  const t = useT();
  const locale = useLocale();
  const dated = timeline.filter((s) => s.startsAt || s.endsAt);
  if (dated.length === 0) return null;
  return (
    <ol className="timeline small">
      {dated.map((s) => (
        <li key={s.stage} className={s.stage === current ? "current" : undefined} aria-current={s.stage === current ? "step" : undefined}>
          <span>{t(`stage.${s.stage}` as MessageKey)}</span>
          <span>
            {s.startsAt ? formatWib(s.startsAt, locale, false) : "—"}
            {s.endsAt ? ` – ${formatWib(s.endsAt, locale, false)}` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}

export interface AnnouncementListItem {
  id: string;
  kind: string;
  number: string | null;
  title: string;
  publishedAt: string | null;
  supersededById: string | null;
}

/** Published announcements: number, title (link), kind, date, and whether it was superseded (with a link to the correction). */
export function AnnouncementsTable({ items, caption }: { items: AnnouncementListItem[]; caption: string }) {
  const t = useT();
  const locale = useLocale();
  const numberOf = (id: string) => items.find((a) => a.id === id)?.number ?? t("public.announcement.noNumber");
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("public.announcement.number")}</th>
            <th scope="col">{t("public.announcement.title")}</th>
            <th scope="col">{t("public.announcement.kind")}</th>
            <th scope="col">{t("public.announcement.published")}</th>
            <th scope="col">{t("public.announcement.status")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>{a.number ?? t("public.announcement.noNumber")}</td>
              <th scope="row" style={{ fontWeight: 400 }}>
                <Link to={`/announcements/${a.id}`}>{a.title}</Link>
              </th>
              <td>{t(`announcements.kind.${a.kind}` as MessageKey)}</td>
              <td>{formatWib(a.publishedAt, locale)}</td>
              <td>
                {a.supersededById ? (
                  <>
                    <span className="badge badge-muted">{t("public.announcement.superseded")}</span>{" "}
                    <Link to={`/announcements/${a.supersededById}`}>{t("public.announcement.supersededBy", { number: numberOf(a.supersededById) })}</Link>
                  </>
                ) : (
                  <span className="badge badge-success">{t("public.announcement.current")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface EntryItem {
  position: number;
  proposalNumber: string;
  title: string;
  agencyName: string;
  cluster: string;
  regionName: string;
  categoryNameId: string;
  categoryNameEn: string;
  labelId: string;
  labelEn: string;
  innovationId: string | null;
}

/** An announced list, in its order; titles link to the catalogue page when there is a visible one. */
export function EntriesTable({ entries, caption, showAward = false }: { entries: EntryItem[]; caption: string; showAward?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("public.entry.position")}</th>
            <th scope="col">{t("public.entry.title")}</th>
            <th scope="col">{t("public.entry.agency")}</th>
            <th scope="col">{t("public.entry.region")}</th>
            <th scope="col">{t("public.entry.category")}</th>
            {showAward ? <th scope="col">{t("public.entry.award")}</th> : null}
            <th scope="col">{t("public.entry.number")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.proposalNumber}>
              <td>{e.position}</td>
              <th scope="row" style={{ fontWeight: 400 }}>
                {e.innovationId ? <Link to={`/innovations/${e.innovationId}`}>{e.title}</Link> : e.title}
              </th>
              <td>
                {e.agencyName}
                <br />
                <span className="muted small">{t(`cluster.${e.cluster}` as MessageKey)}</span>
              </td>
              <td>{e.regionName || "—"}</td>
              <td>{(locale === "en" ? e.categoryNameEn : e.categoryNameId) || "—"}</td>
              {showAward ? <td>{(locale === "en" ? e.labelEn : e.labelId) || "—"}</td> : null}
              <td className="small">{e.proposalNumber}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
