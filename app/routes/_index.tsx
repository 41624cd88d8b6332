import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { useLocale, useT } from "~/i18n/react";
import { formatWib } from "~/domain/time";
import { listPublicCompetitions } from "~/models/competitions.server";

export const meta: MetaFunction = () => [
  { title: "Sayembara — Kompetisi Inovasi Pelayanan Publik" },
  { name: "description", content: "Platform sumber terbuka untuk kompetisi inovasi pelayanan publik: KIPP dan kompetisi provinsi." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [actor, competitions] = await Promise.all([getActor(request), listPublicCompetitions(getDb())]);
  return json({ signedIn: Boolean(actor), competitions });
}

export default function Home() {
  const { signedIn, competitions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
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
        </div>
      </section>
      <h2>{t("home.competitions")}</h2>
      {competitions.length === 0 ? (
        <p className="empty">{t("home.noCompetitions")}</p>
      ) : (
        <div className="grid">
          {competitions.map((c) => (
            <article key={c.id} className="card">
              <h3>{c.name}</h3>
              <p className="muted small">{c.organizerName}</p>
              {c.theme ? <p>{c.theme}</p> : null}
              <p className="small">
                {t("competition.registration")}: {formatWib(c.registrationEndsAt, locale)}
              </p>
            </article>
          ))}
        </div>
      )}
    </>
  );
}
