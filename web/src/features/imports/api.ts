import type { UploadRow } from "@jangkau/shared/imports/reader";
import { api, call } from "../../api/client.ts";

/** Every call of the import screens, typed from the enrolment worker's routes. */
const imports = api.enrolment.enrolment.imports;

export const fetchBatches = () => call(imports.$get({ query: {} }));
export type BatchListItem = Awaited<ReturnType<typeof fetchBatches>>["batches"][number];

export const fetchBatch = (id: string) => call(imports[":id"].$get({ param: { id } }));
export type BatchSummary = Awaited<ReturnType<typeof fetchBatch>>;

export const fetchSources = () => call(imports.sources.$get());
export type SourcePartner = Awaited<ReturnType<typeof fetchSources>>["partners"][number];

export const fetchMapping = (officeId: string, sourceKey: string) =>
  call(imports.mappings.$get({ query: { officeId, sourceKey } }));

export type CreateBatch = Parameters<typeof imports.$post>[0]["json"];
export const createBatch = (json: CreateBatch) => call(imports.$post({ json }));

export const sendChunk = (id: string, index: number, rows: UploadRow[]) =>
  call(imports[":id"].chunks[":index"].$put({ param: { id, index: String(index) }, json: { rows } }));

export const validateBatch = (id: string) => call(imports[":id"].validate.$post({ param: { id } }));
export const commitStep = (id: string) => call(imports[":id"].commit.$post({ param: { id } }));
export const undoBatch = (id: string) => call(imports[":id"].undo.$post({ param: { id } }));

export const fetchRows = (
  id: string,
  query: { status?: "ok" | "error" | "duplicate" | "committed" | "skipped"; offset: number },
) =>
  call(
    imports[":id"].rows.$get({
      param: { id },
      query: { ...(query.status ? { status: query.status } : {}), offset: String(query.offset), limit: "50" },
    }),
  );
export type StagedRow = Awaited<ReturnType<typeof fetchRows>>["rows"][number];

export const correctRow = (id: string, rowNumber: number, values: Record<string, string>) =>
  call(
    imports[":id"].rows[":rowNumber"].$patch({
      param: { id, rowNumber: String(rowNumber) },
      json: { values },
    }),
  );

export const reportUrl = (id: string) => `/api/enrolment/imports/${id}/report`;

export const fetchQueue = (query: {
  batchId?: string;
  status?: "recorded" | "verified" | "registered" | "rejected";
  offset: number;
}) =>
  call(
    imports.review.$get({
      query: {
        ...(query.batchId ? { batchId: query.batchId } : {}),
        ...(query.status ? { status: query.status } : {}),
        offset: String(query.offset),
        limit: "50",
      },
    }),
  );
export type QueueRow = Awaited<ReturnType<typeof fetchQueue>>["rows"][number];

export type Decision = Parameters<typeof imports.review.decisions.$post>[0]["json"]["decisions"][number];
export const decide = (decisions: Decision[]) =>
  call(imports.review.decisions.$post({ json: { decisions } }));

export const exportCsvUrl = (batchId?: string) =>
  `/api/enrolment/imports/export${batchId ? `?batchId=${encodeURIComponent(batchId)}` : ""}`;

export const exportPage = (batchId: string | undefined, after: string) =>
  call(
    imports.export.lines.$get({ query: { ...(batchId ? { batchId } : {}), ...(after ? { after } : {}) } }),
  );

export const fetchOffices = () => call(api.campaigns.offices.$get());
export type Office = Awaited<ReturnType<typeof fetchOffices>>[number];
export const fetchAreas = (parent: string) => call(api.campaigns.areas.$get({ query: { parent } }));
export type Area = Awaited<ReturnType<typeof fetchAreas>>[number];
