import type { Db } from "@jangkau/shared/db/index";
import {
  campaigns,
  eventActions,
  eventPartners,
  eventStaff,
  events,
  partnerContacts,
  partners,
  users,
} from "@jangkau/shared/schema/index";
import { randomToken } from "@jangkau/shared/security/encoding";
import { hashPassword } from "@jangkau/shared/security/password";
import { sql } from "drizzle-orm";

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  name: string;
}

/** A UTC instant `days` from `now` at `hour`:`minute` WIB (UTC+7). */
export function wibInstant(now: Date, days: number, hour: number, minute = 0): string {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hour - 7, minute),
  );
  return d.toISOString();
}

export const DEMO_IDS = {
  partners: {
    dinkopSumsel: "0b0c1f3e-1a01-4c6b-9c1a-000000000001",
    dinkopJateng: "0b0c1f3e-1a01-4c6b-9c1a-000000000002",
    disnakertransJateng: "0b0c1f3e-1a01-4c6b-9c1a-000000000003",
    disnakerMadiun: "0b0c1f3e-1a01-4c6b-9c1a-000000000004",
    pemkotMadiun: "0b0c1f3e-1a01-4c6b-9c1a-000000000005",
    paguyubanPasarBlitar: "0b0c1f3e-1a01-4c6b-9c1a-000000000006",
    csrSumberMakmur: "0b0c1f3e-1a01-4c6b-9c1a-000000000007",
    dinkopMalang: "0b0c1f3e-1a01-4c6b-9c1a-000000000008",
  },
  campaigns: {
    sumsel: "1c1d2e3f-2b02-4d7c-8d2b-000000000001",
    jateng: "1c1d2e3f-2b02-4d7c-8d2b-000000000002",
    madiun: "1c1d2e3f-2b02-4d7c-8d2b-000000000003",
    blitar: "1c1d2e3f-2b02-4d7c-8d2b-000000000004",
    malang: "1c1d2e3f-2b02-4d7c-8d2b-000000000005",
  },
  events: {
    sarasehanPalembang: "2d2e3f40-3c03-4e8d-9e3c-000000000001",
    rakorSolo: "2d2e3f40-3c03-4e8d-9e3c-000000000002",
    sosialisasiMadiun: "2d2e3f40-3c03-4e8d-9e3c-000000000003",
    jemputBolaBlitar: "2d2e3f40-3c03-4e8d-9e3c-000000000004",
    jemputBolaTulungagung: "2d2e3f40-3c03-4e8d-9e3c-000000000005",
    geraiMalang: "2d2e3f40-3c03-4e8d-9e3c-000000000006",
    sosialisasiMadiunNext: "2d2e3f40-3c03-4e8d-9e3c-000000000007",
  },
  users: {
    admin: "3e3f4051-4d04-4f9e-8f4d-000000000001",
    managerJatim: "3e3f4051-4d04-4f9e-8f4d-000000000002",
    staffMadiun: "3e3f4051-4d04-4f9e-8f4d-000000000003",
    partnerDinkopSumsel: "3e3f4051-4d04-4f9e-8f4d-000000000004",
    managerSumbagsel: "3e3f4051-4d04-4f9e-8f4d-000000000005",
    managerJateng: "3e3f4051-4d04-4f9e-8f4d-000000000006",
    staffBlitar: "3e3f4051-4d04-4f9e-8f4d-000000000007",
    staffPalembang: "3e3f4051-4d04-4f9e-8f4d-000000000008",
    staffSurakarta: "3e3f4051-4d04-4f9e-8f4d-000000000009",
    staffMalang: "3e3f4051-4d04-4f9e-8f4d-000000000010",
    managerBlitar: "3e3f4051-4d04-4f9e-8f4d-000000000011",
    partnerPaguyubanBlitar: "3e3f4051-4d04-4f9e-8f4d-000000000012",
  },
} as const;

/** True when the database holds no users yet (fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Demo organisation modelled on the seeds: partners, users (one per role, plus managers and
 * staff per branch), campaigns and events. Returns the generated demo logins.
 */
export async function seedDemoOrganisation(
  db: Db,
  now = new Date(),
  passwordIterations?: number,
): Promise<DemoLogin[]> {
  const P = DEMO_IDS.partners;
  const C = DEMO_IDS.campaigns;
  const E = DEMO_IDS.events;
  const U = DEMO_IDS.users;
  const year = now.getUTCFullYear();

  await db.insert(partners).values([
    {
      id: P.dinkopSumsel,
      name: "Dinas Koperasi dan UKM Provinsi Sumatera Selatan",
      type: "dinas_koperasi_ukm",
      level: "province",
      areaCode: "16",
      officeId: "kw-sumbagsel",
    },
    {
      id: P.dinkopJateng,
      name: "Dinas Koperasi dan UKM Provinsi Jawa Tengah",
      type: "dinas_koperasi_ukm",
      level: "province",
      areaCode: "33",
      officeId: "kw-jateng-diy",
    },
    {
      id: P.disnakertransJateng,
      name: "Disnakertrans Provinsi Jawa Tengah",
      type: "disnaker",
      level: "province",
      areaCode: "33",
      officeId: "kw-jateng-diy",
    },
    {
      id: P.disnakerMadiun,
      name: "Dinas Tenaga Kerja Kota Madiun",
      type: "disnaker",
      level: "regency",
      areaCode: "35.77",
      officeId: "kc-madiun",
    },
    {
      id: P.pemkotMadiun,
      name: "Pemerintah Kota Madiun",
      type: "pemda",
      level: "regency",
      areaCode: "35.77",
      officeId: "kc-madiun",
    },
    {
      id: P.paguyubanPasarBlitar,
      name: "Paguyuban Pedagang Pasar Legi Blitar",
      type: "paguyuban",
      level: "regency",
      areaCode: "35.72",
      officeId: "kc-blitar",
    },
    {
      id: P.csrSumberMakmur,
      name: "PT Sumber Makmur Sejahtera (program CSR)",
      type: "csr_company",
      level: "province",
      areaCode: "35",
      officeId: "kw-jatim",
    },
    {
      id: P.dinkopMalang,
      name: "Dinas Koperasi dan Usaha Mikro Kota Malang",
      type: "dinas_koperasi_ukm",
      level: "regency",
      areaCode: "35.73",
      officeId: "kc-malang",
    },
  ]);
  await db.insert(partnerContacts).values([
    {
      id: crypto.randomUUID(),
      partnerId: P.dinkopSumsel,
      name: "Musiawati",
      role: "Plt Kepala Dinas",
      phone: "+6281100000001",
      email: "dinkop@sumselprov.example",
    },
    {
      id: crypto.randomUUID(),
      partnerId: P.dinkopJateng,
      name: "Ema Rachmawati",
      role: "Kepala Dinas",
      phone: "+6281100000002",
      email: "dinkop@jatengprov.example",
    },
    {
      id: crypto.randomUUID(),
      partnerId: P.disnakerMadiun,
      name: "Suyoto",
      role: "Kepala Dinas Tenaga Kerja",
      phone: "+6281100000003",
      email: "disnaker@madiunkota.example",
    },
    {
      id: crypto.randomUUID(),
      partnerId: P.paguyubanPasarBlitar,
      name: "Siti Aminah",
      role: "Koordinator iuran",
      phone: "+6281100000004",
      email: null,
    },
  ]);

  const people: {
    id: string;
    role: "admin" | "manager" | "staff" | "partner";
    email: string;
    name: string;
    officeId?: string;
    partnerId?: string;
    canRevealNik?: boolean;
    printed: boolean;
  }[] = [
    {
      id: U.admin,
      role: "admin",
      email: "admin@jangkau.test",
      name: "Admin Jangkau",
      canRevealNik: true,
      printed: true,
    },
    {
      id: U.managerJatim,
      role: "manager",
      email: "manajer.jatim@jangkau.test",
      name: "Rina Wulandari",
      officeId: "kw-jatim",
      canRevealNik: true,
      printed: true,
    },
    {
      id: U.staffMadiun,
      role: "staff",
      email: "petugas.madiun@jangkau.test",
      name: "Dwi Prasetyo",
      officeId: "kc-madiun",
      printed: true,
    },
    {
      id: U.partnerDinkopSumsel,
      role: "partner",
      email: "mitra.dinkop.sumsel@jangkau.test",
      name: "Staf Dinkop UKM Sumsel",
      partnerId: P.dinkopSumsel,
      printed: true,
    },
    {
      id: U.managerSumbagsel,
      role: "manager",
      email: "manajer.sumbagsel@jangkau.test",
      name: "Arief Budiarto",
      officeId: "kw-sumbagsel",
      printed: false,
    },
    {
      id: U.managerJateng,
      role: "manager",
      email: "manajer.jateng@jangkau.test",
      name: "Moch. Triyono",
      officeId: "kw-jateng-diy",
      printed: false,
    },
    {
      id: U.managerBlitar,
      role: "manager",
      email: "manajer.blitar@jangkau.test",
      name: "Agus Dwi Fitrianto",
      officeId: "kc-blitar",
      printed: false,
    },
    {
      id: U.staffBlitar,
      role: "staff",
      email: "petugas.blitar@jangkau.test",
      name: "Yuli Astuti",
      officeId: "kc-blitar",
      printed: false,
    },
    {
      id: U.staffPalembang,
      role: "staff",
      email: "petugas.palembang@jangkau.test",
      name: "Dolly Rosana",
      officeId: "kc-palembang",
      printed: false,
    },
    {
      id: U.staffSurakarta,
      role: "staff",
      email: "petugas.surakarta@jangkau.test",
      name: "Bambang Santoso",
      officeId: "kc-surakarta",
      printed: false,
    },
    {
      id: U.staffMalang,
      role: "staff",
      email: "petugas.malang@jangkau.test",
      name: "Pipit Anggraeni",
      officeId: "kc-malang",
      printed: false,
    },
    {
      id: U.partnerPaguyubanBlitar,
      role: "partner",
      email: "paguyuban.pasarlegi@jangkau.test",
      name: "Siti Aminah",
      partnerId: P.paguyubanPasarBlitar,
      printed: false,
    },
  ];
  const logins: DemoLogin[] = [];
  const rows = await Promise.all(
    people.map(async (u) => {
      const password = `demo-${randomToken(9)}`;
      logins.push({ role: u.role, email: u.email, password, name: u.name });
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        officeId: u.officeId ?? null,
        partnerId: u.partnerId ?? null,
        canRevealNik: u.canRevealNik ?? false,
        passwordHash: await hashPassword(password, passwordIterations),
      };
    }),
  );
  await db.insert(users).values(rows);

  await db.insert(campaigns).values([
    {
      id: C.sumsel,
      officeId: "kc-palembang",
      name: `Perluasan Kepesertaan BPU Sektor UMKM Sumsel ${year}`,
      segment: "bpu",
      objective:
        "Menaikkan cakupan BPU dari 3,63 % potensi 1,34 juta pekerja informal bersama Dinas Koperasi dan UKM Sumsel.",
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      targetSignups: 400,
      budget: 150_000_000,
      status: "active",
      createdBy: U.managerSumbagsel,
    },
    {
      id: C.jateng,
      officeId: "kc-surakarta",
      name: `Jaminan Sosial bagi Koperasi dan UKM Jawa Tengah ${year}`,
      segment: "bpu",
      objective: "Rakor dengan Dinkop UKM dan Disnakertrans: tidak ada pekerja UMKM yang terlewat.",
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      targetSignups: 250,
      budget: 90_000_000,
      status: "active",
      createdBy: U.managerJateng,
    },
    {
      id: C.madiun,
      officeId: "kc-madiun",
      name: `Perlindungan Pekerja Informal Kota Madiun ${year} (iuran APBD)`,
      segment: "bpu",
      objective:
        "Sosialisasi ke lurah dan camat, pendataan per kelurahan, iuran JKK+JKM dibayar Pemkot Madiun.",
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      targetSignups: 300,
      budget: 60_000_000,
      status: "active",
      createdBy: U.managerJatim,
    },
    {
      id: C.blitar,
      officeId: "kc-blitar",
      name: `Jemput Bola Pekerja Informal Blitar Raya ${year}`,
      segment: "bpu",
      objective:
        "Pasar, paguyuban dan komunitas di Blitar, Tulungagung, Trenggalek; menjaga peserta tetap membayar.",
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      targetSignups: 350,
      budget: 75_000_000,
      status: "active",
      createdBy: U.managerBlitar,
    },
    {
      id: C.malang,
      officeId: "kc-malang",
      name: `UMKM Kota Malang Terlindungi ${year}`,
      segment: "bpu",
      objective: "Kepesertaan UMKM naik 30 % dibanding tahun dasar.",
      periodStart: `${year}-03-01`,
      periodEnd: `${year}-12-31`,
      targetSignups: 200,
      budget: 40_000_000,
      status: "draft",
      createdBy: U.managerJatim,
    },
  ]);

  const ev = (days: number, startHour: number, hours: number) => ({
    startsAt: wibInstant(now, days, startHour),
    endsAt: wibInstant(now, days, startHour + hours),
  });
  await db.insert(events).values([
    {
      id: E.sarasehanPalembang,
      campaignId: C.sumsel,
      officeId: "kc-palembang",
      type: "sarasehan",
      title: "Sarasehan BPJS Ketenagakerjaan dengan Dinas Koperasi dan UKM Sumsel",
      ...ev(-180, 9, 4),
      timeZone: "WIB",
      venue: "Hotel Swarna Dwipa, Palembang",
      areaCode: "16.71",
      expectedAttendance: 150,
      targetSignups: 120,
      plannedBudget: 45_000_000,
      actualCost: 41_500_000,
      status: "reported",
      attendance: 164,
      minutes:
        "Sarasehan dibuka Deputi Direktur Wilayah Sumbagsel. Dinkop UKM Sumsel mencatat ±4.000 koperasi dan 126.000 UMKM; disepakati pendataan anggota koperasi untuk didaftarkan BPU.",
      sharedWithPartners: true,
      createdBy: U.managerSumbagsel,
    },
    {
      id: E.rakorSolo,
      campaignId: C.jateng,
      officeId: "kc-surakarta",
      type: "rapat_koordinasi",
      title: "Rapat Koordinasi Jaminan Sosial Ketenagakerjaan bagi Koperasi dan UKM",
      ...ev(-120, 9, 5),
      timeZone: "WIB",
      venue: "Hotel Alila, Solo",
      areaCode: "33.72",
      expectedAttendance: 80,
      targetSignups: 60,
      plannedBudget: 30_000_000,
      actualCost: 28_000_000,
      status: "held",
      attendance: 76,
      sharedWithPartners: true,
      createdBy: U.managerJateng,
    },
    {
      id: E.sosialisasiMadiun,
      campaignId: C.madiun,
      officeId: "kc-madiun",
      type: "sosialisasi",
      title: "Sosialisasi Jaminan Sosial Pekerja Informal kepada Lurah dan Camat se-Kota Madiun",
      ...ev(0, 8, 8),
      timeZone: "WIB",
      venue: "Balai Kota Madiun",
      areaCode: "35.77",
      expectedAttendance: 60,
      targetSignups: 80,
      plannedBudget: 12_000_000,
      status: "confirmed",
      sharedWithPartners: true,
      createdBy: U.managerJatim,
    },
    {
      id: E.sosialisasiMadiunNext,
      campaignId: C.madiun,
      officeId: "kc-madiun",
      type: "gerai",
      title: "Gerai Kepesertaan di Pasar Besar Madiun",
      ...ev(7, 7, 6),
      timeZone: "WIB",
      venue: "Pasar Besar Madiun",
      areaCode: "35.77.02",
      expectedAttendance: 100,
      targetSignups: 50,
      plannedBudget: 5_000_000,
      status: "planned",
      sharedWithPartners: false,
      createdBy: U.managerJatim,
    },
    {
      id: E.jemputBolaBlitar,
      campaignId: C.blitar,
      officeId: "kc-blitar",
      type: "jemput_bola",
      title: "Jemput Bola Pasar Legi Blitar bersama Paguyuban Pedagang",
      ...ev(-60, 6, 5),
      timeZone: "WIB",
      venue: "Pasar Legi, Kota Blitar",
      areaCode: "35.72",
      expectedAttendance: 120,
      targetSignups: 100,
      plannedBudget: 8_000_000,
      actualCost: 7_200_000,
      status: "reported",
      attendance: 131,
      minutes:
        "Pedagang sayur, penjahit dan tukang becak didaftarkan. Paguyuban sepakat menghimpun iuran bulanan anggota.",
      sharedWithPartners: true,
      createdBy: U.managerBlitar,
    },
    {
      id: E.jemputBolaTulungagung,
      campaignId: C.blitar,
      officeId: "kc-blitar",
      type: "jemput_bola",
      title: "Jemput Bola Nelayan dan Petani Tulungagung",
      ...ev(-30, 7, 5),
      timeZone: "WIB",
      venue: "TPI Popoh, Tulungagung",
      areaCode: "35.04",
      expectedAttendance: 90,
      targetSignups: 70,
      plannedBudget: 6_500_000,
      actualCost: 6_900_000,
      status: "held",
      attendance: 84,
      sharedWithPartners: false,
      createdBy: U.managerBlitar,
    },
    {
      id: E.geraiMalang,
      campaignId: C.malang,
      officeId: "kc-malang",
      type: "gerai",
      title: "Gerai BPU di Sentra UMKM Kota Malang",
      ...ev(14, 9, 6),
      timeZone: "WIB",
      venue: "Mall Pelayanan Publik Kota Malang",
      areaCode: "35.73",
      expectedAttendance: 80,
      targetSignups: 40,
      plannedBudget: 4_000_000,
      status: "planned",
      sharedWithPartners: false,
      createdBy: U.managerJatim,
    },
  ]);
  await db.insert(eventPartners).values([
    { eventId: E.sarasehanPalembang, partnerId: P.dinkopSumsel, role: "co_host" },
    { eventId: E.rakorSolo, partnerId: P.dinkopJateng, role: "co_host" },
    { eventId: E.rakorSolo, partnerId: P.disnakertransJateng, role: "co_host" },
    { eventId: E.sosialisasiMadiun, partnerId: P.disnakerMadiun, role: "co_host" },
    { eventId: E.sosialisasiMadiun, partnerId: P.pemkotMadiun, role: "sponsor" },
    { eventId: E.jemputBolaBlitar, partnerId: P.paguyubanPasarBlitar, role: "co_host" },
    { eventId: E.jemputBolaBlitar, partnerId: P.csrSumberMakmur, role: "sponsor" },
    { eventId: E.geraiMalang, partnerId: P.dinkopMalang, role: "co_host" },
  ]);
  await db.insert(eventStaff).values([
    { eventId: E.sarasehanPalembang, userId: U.staffPalembang },
    { eventId: E.rakorSolo, userId: U.staffSurakarta },
    { eventId: E.sosialisasiMadiun, userId: U.staffMadiun },
    { eventId: E.sosialisasiMadiunNext, userId: U.staffMadiun },
    { eventId: E.jemputBolaBlitar, userId: U.staffBlitar },
    { eventId: E.jemputBolaTulungagung, userId: U.staffBlitar },
    { eventId: E.geraiMalang, userId: U.staffMalang },
  ]);
  await db.insert(eventActions).values([
    {
      id: crypto.randomUUID(),
      eventId: E.sarasehanPalembang,
      action: "Kirim daftar anggota koperasi untuk pendataan",
      ownerName: "Dinkop UKM Sumsel",
      dueDate: wibInstant(now, -150, 9).slice(0, 10),
      done: true,
    },
    {
      id: crypto.randomUUID(),
      eventId: E.jemputBolaBlitar,
      action: "Bentuk kas iuran bersama paguyuban",
      ownerName: "Paguyuban Pasar Legi",
      dueDate: wibInstant(now, -30, 9).slice(0, 10),
      done: false,
    },
  ]);

  return logins
    .filter((l) => people.find((p) => p.email === l.email)?.printed)
    .concat(logins.filter((l) => !people.find((p) => p.email === l.email)?.printed));
}
