import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Locale, type Translator } from "./index";

interface RootData {
  locale: Locale;
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.locale ?? "id";
}

/** The translator for the current page's language. */
export function useT(): Translator {
  return translator(useLocale());
}
