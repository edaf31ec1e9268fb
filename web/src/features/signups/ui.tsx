import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/contribution/occupations";
import { t } from "../../i18n/index.ts";

/** The occupation's label from the BPU list (the code itself for an unknown one). */
export const occupationLabel = (code: string) => BPU_OCCUPATIONS.find((o) => o.code === code)?.label ?? code;

/** A sign-up's status as a coloured badge. */
export function StatusBadge(props: { status: string }) {
  const tone = () =>
    props.status === "registered"
      ? ""
      : props.status === "rejected"
        ? "danger"
        : props.status === "verified"
          ? "info"
          : "warn";
  return <span class={`badge ${tone()}`}>{t(`su.status.${props.status}`)}</span>;
}
