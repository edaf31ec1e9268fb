/**
 * Typed errors thrown by routes and domain code. One `onError` (see `http/errors.ts`) maps
 * each to its HTTP status and the `{ error: { code, message, details } }` body.
 */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `records.3.nik`. */
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number = 500;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  override readonly status = 400;
  constructor(message: string, issues: FieldIssue[], code = "validation_failed") {
    super(code, message, { issues });
  }
}
export class BadRequestError extends AppError {
  override readonly status = 400;
}
export class UnauthorizedError extends AppError {
  override readonly status = 401;
  constructor(code = "unauthorized", message = "Sesi tidak sah atau sudah berakhir.") {
    super(code, message);
  }
}
export class ForbiddenError extends AppError {
  override readonly status = 403;
  constructor(code = "forbidden", message = "Anda tidak berwenang untuk tindakan ini.", details?: unknown) {
    super(code, message, details);
  }
}
export class NotFoundError extends AppError {
  override readonly status = 404;
  constructor(code = "not_found", message = "Data tidak ditemukan.") {
    super(code, message);
  }
}
export class ConflictError extends AppError {
  override readonly status = 409;
}
export class PayloadTooLargeError extends AppError {
  override readonly status = 413;
}
export class UnprocessableError extends AppError {
  override readonly status = 422;
}
export class RateLimitedError extends AppError {
  override readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    message = "Terlalu banyak percobaan. Coba lagi nanti.",
  ) {
    super("rate_limited", message, { retryAfterSeconds });
  }
}

/** Shorthand for a single-field validation failure. */
export function fieldError(path: string, code: string, message: string): ValidationError {
  return new ValidationError(message, [{ path, code, message }]);
}
