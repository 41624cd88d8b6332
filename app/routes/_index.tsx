import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TimelineList } from "~/components/public/public-lists";
import { EmptyState } from "~/components/ui/form";
import { getActor } from "~/auth/actor.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { listPublicEditions, type PublicEdition } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, t, locale } = await publicContext(request);
  const [actor, editions] = await Promise.all([getActor(request), listPublicEditions(db)]);
  return json(
    {
      signedIn: Boolean(actor),
      current: editions.filter((e) => !e.isPast),
      past: editions.filter((e) => e.isPast),
      meta: pageMeta({ title: t("public.home.metaTitle"), description: t("public.home.metaDescription"), url: canonicalUrl(request, "/"), locale }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

function EditionCard({ e }: { e: PublicEdition }) {
  const t = useT();
  return (
    <article className="card">
      <h3>
        <Link to={`/editions/${e.slug}`}>{e.name}</Link>
      </h3>
      <p className="muted small">
        {e.organizerName} · {e.year}
      </p>
      {e.theme ? <p>{e.theme}</p> : null}
      <p className="small">
        <strong>{t("public.edition.stage")}:</strong> {e.currentStage ? t(`stage.${e.currentStage}` as MessageKey) : t("public.edition.noStage")}
      </p>
      <TimelineList timeline={e.timeline} current={e.currentStage} />
      <div className="actions">
        <Link to={`/editions/${e.slug}`} className="button button-secondary">
          {t("public.edition.open")}
        </Link>
        {e.hasWinners ? (
          <Link to={`/editions/${e.slug}/winners`} className="button button-quiet">
            {t("public.edition.winnersLink")}
          </Link>
        ) : null}
        {e.announcementCount > 0 ? <span className="muted small">{t("public.edition.announcementCount", { count: e.announcementCount })}</span> : null}
      </div>
    </article>
  );
}

export default function Home() {
  const { signedIn, current, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t("home.title")}</h1>
        <p>{t("home.lead")}</p>
        <div className="actions">
          {signedIn ? (
            <Link to="/dashboard" className="button">
              {t("nav.dashboard")}
            </Link>
          ) : (
            <Link to="/login" className="button">
              {t("nav.login")}
            </Link>
          )}
          <Link to="/innovations" className="button button-secondary">
            {t("public.nav.catalogue")}
          </Link>
        </div>
      </section>

      <section className="card" aria-labelledby="search-heading">
        <h2 id="search-heading">{t("public.home.searchTitle")}</h2>
        <p className="muted">{t("public.home.searchLead")}</p>
        <Form method="get" action="/innovations" className="search-bar">
          <div className="field">
            <label htmlFor="home-q">{t("public.catalogue.q")}</label>
            <input id="home-q" name="q" type="search" />
          </div>
          <button type="submit" className="button">
            {t("public.catalogue.search")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{t("public.home.current")}</h2>
        {current.length === 0 ? (
          <EmptyState message="public.home.noCurrent" />
        ) : (
          <div className="grid">
            {current.map((e) => (
              <EditionCard key={e.id} e={e} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("public.home.past")}</h2>
        {past.length === 0 ? (
          <EmptyState message="public.home.noPast" />
        ) : (
          <div className="grid">
            {past.map((e) => (
              <EditionCard key={e.id} e={e} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
