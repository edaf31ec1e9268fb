import { AppError } from "../errors.ts";

/**
 * A rule of the domain was broken or cannot be applied (no contribution rule for a month, a
 * malformed month string, a target split that does not add up…). Thrown only by the pure
 * modules under `domain/`; the shared `onError` maps it like any {@link AppError}, as 422.
 *
 * `code` is stable and meant for programs and tests; `message` is for people; `details`
 * carries the values needed to explain the failure — never a NIK or other personal data.
 */
export class DomainError<Code extends string = string> extends AppError {
  override readonly status: number = 422;
  declare readonly code: Code;
  declare readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: Code, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details);
  }
}

/** True when `error` is a {@link DomainError}, optionally with the given `code`. */
export function isDomainError(error: unknown, code?: string): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
