import { ListFileRefusal } from "@jangkau/shared/imports/reader";
import { ApiError } from "../../api/client.ts";
import { t } from "../../i18n/index.ts";

/** What to tell the user about a failure: the refusal or the server's message with the fields it names. */
export function describeError(err: unknown): string {
  if (err instanceof ListFileRefusal) return err.message;
  if (err instanceof ApiError) {
    const issues = err.issues.map((i) => i.message).join(" ");
    return issues ? `${err.message} ${issues}` : err.message;
  }
  return t("common.error");
}
