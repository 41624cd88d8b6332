import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirect("/login?notice=logout", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
