import { ConflictError, ForbiddenError, PayloadTooLargeError, ValidationError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordSingleSignup } from "./group-commit.ts";
import { changeSignupStatus, deleteSignup } from "./lifecycle.ts";
import { listSignups, signupDetail } from "./queries.ts";
import { recordSignups } from "./service.ts";
import {
  batchBody,
  deleteQuery,
  idParam,
  listQuery,
  MAX_BATCH_BYTES,
  MAX_BATCH_RECORDS,
  MAX_SINGLE_BYTES,
  registerBody,
  rejectBody,
  singleBody,
  verifyBody,
} from "./validation.ts";

const tags = ["signups"];

const tooLarge = (bytes: number) =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new PayloadTooLargeError(
        "batch_too_large",
        `Kiriman terlalu besar (maksimal ${Math.round(bytes / 1024)} KB). Kirim dalam beberapa bagian.`,
        { maxBytes: bytes, maxRecords: MAX_BATCH_RECORDS },
      );
    },
  });

const actorOf = (c: Parameters<typeof principal>[0]) => ({
  principal: principal(c),
  requestId: c.get("requestId"),
});

/** Recording (batched from the tablet's outbox, or one at a time), reading and reviewing sign-ups. */
export const signupRoutes = new Hono<AppEnv>()
  .post(
    "/batch",
    route({
      summary: "Record a batch of sign-ups from a tablet's outbox (idempotent per record UUID)",
      description:
        "Each record is validated and stored on its own: the response lists, per index, created, replayed, duplicate_nik, invalid (with field issues), id_conflict, event_closed, event_forbidden or idempotency_in_progress. At most 500 records and 1 MiB.",
      tags,
      permission: "signups:record",
    }),
    tooLarge(MAX_BATCH_BYTES),
    valid("json", batchBody),
    async (c) => {
      const { records } = c.req.valid("json");
      if (records.length > MAX_BATCH_RECORDS)
        throw new PayloadTooLargeError(
          "batch_too_large",
          `Paling banyak ${MAX_BATCH_RECORDS} catatan per kiriman.`,
          { maxRecords: MAX_BATCH_RECORDS, received: records.length },
        );
      const outcome = await recordSignups(c.get("db"), c.env, principal(c), records, {
        source: "event",
        requestId: c.get("requestId"),
      });
      return c.json(outcome, 200);
    },
  )
  .post(
    "/",
    route({
      summary: "Record one sign-up (201 created, 200 replay of the same UUID and payload)",
      tags,
      permission: "signups:record",
    }),
    tooLarge(MAX_SINGLE_BYTES),
    valid("json", singleBody),
    async (c) => {
      const result = await recordSingleSignup(
        c.get("db"),
        c.env,
        principal(c),
        c.req.valid("json"),
        c.get("requestId") ?? null,
      );
      switch (result.status) {
        case "created":
          return c.json({ signup: result.signup!, warnings: result.warnings ?? [] }, 201);
        case "replayed":
          c.header("Idempotent-Replayed", "true");
          return c.json({ signup: result.signup!, warnings: [] }, 200);
        case "invalid":
          throw new ValidationError("Data pendaftaran tidak valid.", result.issues ?? []);
        case "duplicate_nik":
          throw new ConflictError("duplicate_nik", "NIK ini sudah terdaftar.", {
            duplicate: result.duplicate,
          });
        case "id_conflict":
          throw new ConflictError("id_conflict", "ID catatan ini sudah dipakai untuk data pendaftaran lain.");
        case "event_closed":
          throw new ConflictError("event_closed", "Kegiatan ini tidak lagi menerima pendaftaran.");
        case "event_forbidden":
          throw new ForbiddenError("event_forbidden", "Anda tidak ditugaskan pada kegiatan ini.");
        default:
          throw new ConflictError(
            "idempotency_in_progress",
            "Catatan dengan ID ini sedang diproses. Coba lagi sebentar.",
          );
      }
    },
  )
  .get(
    "/",
    route({
      summary: "Sign-ups in scope, newest first (masked NIK), filtered by event, status, month",
      tags,
      permission: "signups:read",
    }),
    valid("query", listQuery),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listSignups(c.get("db"), principal(c), {
        eventId: q.eventId,
        status: q.status,
        month: q.month,
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 25,
      });
      return c.json(page, 200);
    },
  )
  .get(
    "/:id",
    route({
      summary: "One sign-up with its participant (masked NIK) and history",
      tags,
      permission: "signups:read",
    }),
    valid("param", idParam),
    async (c) => c.json(await signupDetail(c.get("db"), principal(c), c.req.valid("param").id), 200),
  )
  .post(
    "/:id/verify",
    route({ summary: "Mark a recorded sign-up as verified", tags, permission: "signups:review" }),
    valid("param", idParam),
    valid("json", verifyBody),
    async (c) => {
      const { version } = c.req.valid("json");
      const res = await changeSignupStatus(c.get("db"), actorOf(c), c.req.valid("param").id, version, {
        to: "verified",
      });
      return c.json(res, 200);
    },
  )
  .post(
    "/:id/reject",
    route({ summary: "Reject a sign-up with a reason", tags, permission: "signups:review" }),
    valid("param", idParam),
    valid("json", rejectBody),
    async (c) => {
      const { version, reason } = c.req.valid("json");
      const res = await changeSignupStatus(c.get("db"), actorOf(c), c.req.valid("param").id, version, {
        to: "rejected",
        reason,
      });
      return c.json(res, 200);
    },
  )
  .post(
    "/:id/register",
    route({ summary: "Register a verified sign-up with its KPJ number", tags, permission: "signups:review" }),
    valid("param", idParam),
    valid("json", registerBody),
    async (c) => {
      const { version, kpj } = c.req.valid("json");
      const res = await changeSignupStatus(c.get("db"), actorOf(c), c.req.valid("param").id, version, {
        to: "registered",
        kpj,
      });
      return c.json(res, 200);
    },
  )
  .delete(
    "/:id",
    route({
      summary: "Delete a sign-up recorded in error (rollups decremented)",
      tags,
      permission: "signups:delete",
    }),
    valid("param", idParam),
    valid("query", deleteQuery),
    async (c) => {
      const res = await deleteSignup(
        c.get("db"),
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("query").version,
      );
      return c.json(res, 200);
    },
  );
