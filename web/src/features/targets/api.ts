import { api, call } from "../../api/client.ts";

/** The target and baseline calls, typed from the targets worker's routes. */
export const fetchTargets = (year: number) =>
  call(api.targets.targets.$get({ query: { year: String(year) } }));
export type Target = Awaited<ReturnType<typeof fetchTargets>>[number];

type CreateBody = Parameters<typeof api.targets.targets.$post>[0]["json"];
type UpdateBody = Parameters<(typeof api.targets.targets)[":id"]["$put"]>[0]["json"];
export type TargetTerms = Omit<UpdateBody, "version">;

export const createTarget = (json: CreateBody) => call(api.targets.targets.$post({ json }));
export const updateTarget = (id: string, json: UpdateBody) =>
  call(api.targets.targets[":id"].$put({ param: { id }, json }));
export async function deleteTarget(id: string, version: number) {
  await call(
    api.targets.targets[":id"]
      .$delete({ param: { id }, query: { version: String(version) } })
      .then((res) => ({ ok: res.ok, status: res.status, json: async () => (res.ok ? null : res.json()) })),
  );
}

export const fetchBaselines = () => call(api.targets.targets.baselines.$get({ query: {} }));
export type Baseline = Awaited<ReturnType<typeof fetchBaselines>>[number];
export const saveBaseline = (json: Parameters<typeof api.targets.targets.baselines.$put>[0]["json"]) =>
  call(api.targets.targets.baselines.$put({ json }));
export async function deleteBaseline(id: string) {
  await call(
    api.targets.targets.baselines[":id"]
      .$delete({ param: { id } })
      .then((res) => ({ ok: res.ok, status: res.status, json: async () => (res.ok ? null : res.json()) })),
  );
}

/** Baseline CSV import: the file's text goes as text/csv; `dryRun` only checks it. */
export async function importBaselines(csv: string, dryRun: boolean) {
  return call(
    fetch(`/api/targets/baselines/import?dryRun=${dryRun}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv" },
      body: csv,
    }).then((res) => ({
      ok: res.ok,
      status: res.status,
      json: () =>
        res.json() as Promise<{
          dryRun: boolean;
          imported: number;
          valid: number;
          rejected: number;
          issues: { row: number; path: string; code: string; message: string }[];
        }>,
    })),
  );
}

export const fetchOffices = () => call(api.campaigns.offices.$get());
export type Office = Awaited<ReturnType<typeof fetchOffices>>[number];
