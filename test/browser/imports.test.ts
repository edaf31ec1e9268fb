import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";

let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp();
  mkdirSync("screenshots/tmp", { recursive: true });
});

afterAll(async () => {
  await app?.close();
});

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
/** A lurah's list as Indonesian Excel saves it: `;`-separated, a title row above the header. */
function lurahList(): { csv: string; niks: string[] } {
  const names = [
    "Sutrisno",
    "Siti Aminah",
    "Bambang Riyadi",
    "Wahyuni",
    "Agus Salim",
    "Sri Rahayu",
    "Joko Susilo",
    "Tri Lestari",
  ];
  const lines = [
    "DATA PEKERJA INFORMAL KELURAHAN OROOROMBO;;;;;;",
    "No;NIK;Nama Lengkap;Jenis Kelamin;Tanggal Lahir;No HP;Pekerjaan",
  ];
  const niks: string[] = [];
  names.forEach((name, i) => {
    const female = i % 2 === 1;
    const day = 10 + i;
    const nik = `357701${pad(female ? day + 40 : day)}0685${pad(i + 1, 4)}`;
    niks.push(nik);
    lines.push(
      [
        i + 1,
        nik,
        name,
        female ? "P" : "L",
        `${day}/06/1985`,
        `0812345678${pad(i)}`,
        i % 2 ? "Pedagang pasar" : "ojek",
      ].join(";"),
    );
  });
  // Two bad rows and one repeated NIK: the preview must name them.
  lines.push(["9", "35770112068", "Rudi Hartono", "L", "12/06/1985", "", "ojek"].join(";"));
  lines.push(
    [
      "10",
      `357701150685${pad(20, 4)}`,
      '=HYPERLINK("http://contoh.test","klik")',
      "L",
      "15/06/1985",
      "",
      "ojek",
    ].join(";"),
  );
  lines.push(["11", niks[0], "Sutrisno", "L", "10/06/1985", "", "ojek"].join(";"));
  return { csv: lines.join("\r\n"), niks };
}

describe("a lurah's list from upload to export", () => {
  it("uploads, previews the findings, enrols, verifies in bulk and exports for BPJS registration", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerJatim);
    await page.goto("/imports");
    await page.getByRole("heading", { name: "Pendataan dari daftar" }).waitFor();

    await page.selectOption('select[name="officeId"]', "kc-madiun");
    await page.selectOption('select[name="regency"]', "35.77");
    await page.locator('select[name="district"] option[value="35.77.01"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="district"]', "35.77.01");
    await page.locator('select[name="village"] option[value="35.77.01.1001"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="village"]', "35.77.01.1001");
    await page.selectOption('select[name="sponsorPartnerId"]', { label: "Pemerintah Kota Madiun" });
    await page.check('input[name="consent"]');
    await page.screenshot({ path: "screenshots/tmp/imports-1-setup.png", fullPage: true });

    const { csv, niks } = lurahList();
    await page.setInputFiles('input[name="file"]', {
      name: "pendataan-oro-oro-ombo.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await page.getByRole("heading", { name: "Cocokkan kolom" }).waitFor();
    expect(await page.inputValue('select[name="map-nik"]')).toBe("NIK");
    expect(await page.inputValue('select[name="map-fullName"]')).toBe("Nama Lengkap");
    await page.screenshot({ path: "screenshots/tmp/imports-2-mapping.png", fullPage: true });

    await page.click('button[name="upload"]');
    await page.getByRole("heading", { name: /Hasil pemeriksaan/ }).waitFor();
    const problems = page.locator("table.im-problems tbody tr");
    await expect.poll(() => problems.count()).toBe(3);
    const text = (await page.locator("table.im-problems").textContent()) ?? "";
    expect(text).toContain("NIK harus 16 digit.");
    expect(text).toContain("berisi rumus");
    expect(text).toContain("NIK sama dengan baris 3.");
    await page.screenshot({ path: "screenshots/tmp/imports-3-preview.png", fullPage: true });

    await page.click('button[name="commit"]');
    await page.getByText("8 pendaftaran tercatat dari daftar ini").waitFor();
    await page.screenshot({ path: "screenshots/tmp/imports-4-committed.png", fullPage: true });

    await page.getByRole("link", { name: "Ke antrean verifikasi" }).click();
    await page.getByRole("heading", { name: "Verifikasi dan validasi" }).waitFor();
    await expect.poll(() => page.locator("table.im-queue tbody tr").count()).toBe(8);
    await page.getByRole("checkbox", { name: "Pilih semua" }).check();
    await page.screenshot({ path: "screenshots/tmp/imports-5-queue.png", fullPage: true });
    await page.click('button[name="accept-selected"]');
    await page.getByText("8 keputusan disimpan.").waitFor();

    const csvDownload = page.waitForEvent("download");
    await page.click("#export-csv");
    const exported = readFileSync((await (await csvDownload).path()) as string, "utf8");
    for (const nik of niks) expect(exported).toContain(nik);
    expect(exported.split("\r\n").filter(Boolean)).toHaveLength(9);

    const xlsxDownload = page.waitForEvent("download");
    await page.click('button[name="export-xlsx"]');
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await xlsx.path()) as string);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);

    await page.selectOption('select[name="status"]', "verified");
    await expect.poll(() => page.locator("table.im-queue tbody tr").count()).toBe(8);
    await page.screenshot({ path: "screenshots/tmp/imports-6-verified.png", fullPage: true });
  });

  it("resumes an upload after the connection drops and the page is reloaded, doubling nothing", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.staffMadiun);
    await page.goto("/imports");
    await page.selectOption('select[name="regency"]', "35.77");
    await page.locator('select[name="district"] option[value="35.77.02"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="district"]', "35.77.02");
    await page.locator('select[name="village"] option').nth(1).waitFor({ state: "attached" });
    await page.selectOption('select[name="village"]', { index: 1 });
    await page.selectOption('select[name="sponsorPartnerId"]', { label: "Pemerintah Kota Madiun" });
    await page.check('input[name="consent"]');
    const lines = ["NIK;Nama Lengkap;Pekerjaan"];
    for (let i = 0; i < 2_500; i++) {
      const letters = [...String(i)].map((d) => "abcdefghij"[Number(d)]).join("");
      lines.push(
        `357702${pad(1 + (i % 28))}0690${pad(1 + Math.floor(i / 28), 4)};Warga ${letters};Buruh tani`,
      );
    }
    const file = { name: "taman.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") };

    // The network drops for every chunk after the first.
    await page.route(/\/chunks\/[12]$/, (route) => route.abort("internetdisconnected"));
    await page.setInputFiles('input[name="file"]', file);
    await page.click('button[name="upload"]');
    await page.getByText("Koneksi terputus. Bagian yang sudah terkirim aman.").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: "screenshots/tmp/imports-8-dropped.png", fullPage: true });

    // Back online, the tablet was reloaded: the unfinished import is listed; the same file resumes it.
    await page.unroute(/\/chunks\/[12]$/);
    await page.goto("/imports");
    await page
      .locator("table.im-batches tr", { hasText: "taman.csv" })
      .getByRole("button", { name: "Buka" })
      .click();
    await page.getByText("Unggahan belum selesai: pilih berkas yang sama untuk melanjutkan.").waitFor();
    await page.setInputFiles('input[name="file"]', file);
    await page.click('button[name="upload"]');
    await page.getByRole("heading", { name: /Hasil pemeriksaan/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator(".im-count.ok strong").textContent()).toBe("2.500");
    await page.screenshot({ path: "screenshots/tmp/imports-9-resumed.png", fullPage: true });
  });

  it("refuses a file that is not a list, saying why", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.staffMadiun);
    await page.goto("/imports");
    await page.selectOption('select[name="regency"]', "35.77");
    await page.locator('select[name="district"] option[value="35.77.01"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="district"]', "35.77.01");
    await page.locator('select[name="village"] option[value="35.77.01.1001"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="village"]', "35.77.01.1001");
    await page.setInputFiles('input[name="file"]', {
      name: "daftar.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("%PDF-1.7 bukan daftar"),
    });
    await page.getByRole("alert").getByText("Berkas ini PDF, bukan daftar.").waitFor();
    await page.screenshot({ path: "screenshots/tmp/imports-7-refused.png", fullPage: true });
  });
});
