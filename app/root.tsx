import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getActor } from "~/auth/actor.server";
import { rolesOf } from "~/domain/permissions";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

interface NavItem {
  to: string;
  label: MessageKey;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const locale = await getLocale(request, actor);
  const nav: NavItem[] = [];
  if (actor) {
    nav.push({ to: "/dashboard", label: "nav.dashboard" });
    if (actor.isPlatformAdmin) {
      nav.push({ to: "/admin/organizers", label: "nav.organizers" });
      nav.push({ to: "/admin/outbox", label: "nav.outbox" });
    }
    nav.push({ to: "/agencies", label: "nav.agencies" });
  }
  // The public catalogue is for everyone, signed in or not.
  nav.push({ to: "/innovations", label: "public.nav.catalogue" });
  nav.push({ to: "/replications/provinces", label: "public.nav.replications" });
  return json({
    locale,
    user: actor
      ? {
          name: actor.name,
          email: actor.email,
          roles: [...(actor.isPlatformAdmin ? ["platform_admin"] : []), ...rolesOf(actor)] as string[],
        }
      : null,
    nav,
  });
}

export type RootLoader = typeof loader;

function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  const other: Locale = locale === "id" ? "en" : "id";
  return (
    <form method="post" action="/language" className="lang-switch">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="link-button" lang={other} title={t("lang.switch")}>
        {other === "en" ? "English" : "Bahasa Indonesia"}
      </button>
    </form>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "id";
  const t = translator(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link to="/" className="brand">
              <span className="brand-mark" aria-hidden="true">S</span>
              <span>
                <span className="brand-name">{t("app.name")}</span>
                <span className="brand-tagline">{t("app.tagline")}</span>
              </span>
            </Link>
            <div className="header-tools">
              <LanguageSwitch locale={locale} />
              {data?.user ? (
                <>
                  <Link to="/account" className="user-chip">
                    {data.user.name}
                  </Link>
                  <form method="post" action="/logout">
                    <button type="submit" className="button button-quiet">
                      {t("nav.logout")}
                    </button>
                  </form>
                </>
              ) : (
                <Link to="/login" className="button button-quiet">
                  {t("nav.login")}
                </Link>
              )}
            </div>
          </div>
          {data?.nav && data.nav.length > 0 ? (
            <nav aria-label={t("nav.main")} className="main-nav">
              <ul className="container">
                {data.nav.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to}>{t(item.label)}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" className="container main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t("footer.text")}</p>
            <p className="muted">{t("common.timezoneNote")}</p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title: MessageKey = "errors.title";
  let body: MessageKey = "errors.generic.body";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "errors.notFound.title";
      body = "errors.notFound.body";
    } else if (error.status === 403) {
      title = "errors.forbidden.title";
      body = "errors.forbidden.body";
    }
  }
  return (
    <div className="error-page">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/">{t("nav.home")}</Link>
      </p>
    </div>
  );
}
