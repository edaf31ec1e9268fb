import { Navigate } from "@solidjs/router";
import { Show } from "solid-js";
import { session } from "../auth/session.ts";

/** `/` sends each role to its own home screen. */
export default function RoleHome() {
  return <Show when={session.me()}>{(me) => <Navigate href={me().home} />}</Show>;
}
