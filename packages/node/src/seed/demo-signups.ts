import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import type { BpuOccupationCode } from "@jangkau/shared/domain/contribution/index";
import type { Env } from "@jangkau/shared/env";
import { areas, events, offices, type Payer, type SignupSource } from "@jangkau/shared/schema/index";
import type { SignupInput } from "@jangkau/shared/schema/signups/validation";
import { and, eq, like } from "drizzle-orm";
import {
  changeSignupStatuses,
  type StatusChangeRequest,
} from "../../../../workers/enrolment/src/signups/lifecycle.ts";
import { recordSignups } from "../../../../workers/enrolment/src/signups/service.ts";
import { DEMO_IDS } from "./demo.ts";

const DAY = 86_400_000;

/** A small seeded generator, so the demo is the same on every fresh database. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const weighted = <T>(list: readonly (readonly [T, number])[]): T => {
    let r = next() * list.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of list) {
      r -= w;
      if (r < 0) return v;
    }
    return (list[list.length - 1] as readonly [T, number])[0];
  };
  return { next, int, pick, weighted };
}

const JAVANESE = {
  M: [
    "Slamet",
    "Sutrisno",
    "Bambang",
    "Joko",
    "Agus",
    "Budi",
    "Sugeng",
    "Suprapto",
    "Heru",
    "Wahyu",
    "Eko",
    "Teguh",
    "Sutarno",
    "Supriyadi",
    "Mulyono",
    "Ahmad",
    "Imam",
    "Rudi",
    "Hadi",
    "Purnomo",
    "Sukardi",
    "Yanto",
    "Puji",
    "Darmaji",
    "Rohmad",
    "Samsul",
    "Mujiono",
    "Kasno",
    "Gatot",
    "Parmin",
  ],
  F: [
    "Siti",
    "Sri",
    "Sulastri",
    "Suwarni",
    "Tri",
    "Endang",
    "Wartini",
    "Sumiati",
    "Ngatini",
    "Lestari",
    "Rahayu",
    "Yuliati",
    "Kartini",
    "Sunarti",
    "Wulan",
    "Umi",
    "Retno",
    "Tutik",
    "Lilik",
    "Suparmi",
    "Winarsih",
    "Mariyam",
    "Painem",
    "Rukmini",
    "Sulis",
  ],
  last: [
    "Wibowo",
    "Santoso",
    "Susanto",
    "Hartono",
    "Prasetyo",
    "Setiawan",
    "Purwanto",
    "Suryani",
    "Wahyuni",
    "Handayani",
    "Rahmawati",
    "Hidayat",
    "Nugroho",
    "Kurniawan",
    "Utomo",
    "Saputra",
    "Pratiwi",
    "Astuti",
    "Sulistyowati",
    "Widodo",
    "Haryanto",
    "Mulyani",
    "Susilowati",
    "Rahayu",
    "Wijaya",
  ],
};
const PALEMBANG = {
  M: [
    "Muhammad",
    "Ahmad",
    "Herman",
    "Syahrial",
    "Zulkifli",
    "Hendra",
    "Firdaus",
    "Iskandar",
    "Saiful",
    "Darmawan",
    "Ridwan",
    "Kemas Abdul",
    "Masagus",
    "Yusuf",
    "Arief",
    "Taufik",
  ],
  F: [
    "Nurhayati",
    "Yusnani",
    "Rosmala",
    "Fitriani",
    "Masayu",
    "Nyimas",
    "Siti Aisyah",
    "Halimah",
    "Maryam",
    "Rosidah",
    "Zubaidah",
    "Desi",
    "Yuliana",
    "Cek Ipah",
  ],
  last: [
    "Hasan",
    "Basri",
    "Rahman",
    "Saleh",
    "Yusuf",
    "Effendi",
    "Hamid",
    "Abdullah",
    "Ismail",
    "Syafei",
    "Zainal",
    "Husin",
    "Rasyid",
    "Anwar",
  ],
};

const REJECT_REASONS = [
  "Sudah menjadi peserta aktif melalui pemberi kerja (PU)",
  "Data ganda dengan pendataan kelurahan sebelumnya",
  "NIK tidak sesuai dengan KTP saat verifikasi",
];

type Occupations = readonly (readonly [BpuOccupationCode, number])[];

interface Group {
  label: string;
  count: number;
  staff: string;
  officeId: string;
  source: SignupSource;
  eventId: string | null;
  campaignId: string | null;
  regency: string;
  names: typeof JAVANESE;
  occupations: Occupations;
  /** Who pays, per record (index within the group). */
  payer: (i: number) => { payer: Payer; sponsorPartnerId?: string; months?: number };
  /** When each record was made. */
  at: (i: number) => Date;
}

/**
 * About 600 demo sign-ups, recorded THROUGH the enrolment service as the tablets and the
 * kelurahan lists would record them: valid NIKs issued in the event's regency whose birth
 * date and sex agree with the person, occupations that fit each place, the payers of the
 * seeds (Pemkot Madiun's APBD, a CSR sponsor paying six months for part of Blitar, the Pasar
 * Legi paguyuban), spread over past months; then verified, registered with a KPJ number or
 * rejected, through the same lifecycle the API uses. Events are relative to `now`.
 */
export async function seedDemoSignups(db: Db, env: Env, now = new Date()): Promise<{ recorded: number }> {
  const E = DEMO_IDS.events;
  const U = DEMO_IDS.users;
  const P = DEMO_IDS.partners;
  const C = DEMO_IDS.campaigns;
  const rng = random(20_211_122);
  const officeRows = await db.select().from(offices);
  const eventRows = new Map((await db.select().from(events)).map((e) => [e.id, e]));
  const eventStart = (id: string) => new Date(eventRows.get(id)?.startsAt ?? now.toISOString());
  /** A time during the event, `i` of `n` through its first four hours. */
  const during = (id: string, n: number) => (i: number) =>
    new Date(eventStart(id).getTime() + Math.floor((i / n) * 4 * 3_600_000) + rng.int(0, 600_000));

  const principalOf = (userId: string, role: "staff" | "manager", officeId: string): Principal => ({
    userId,
    role,
    name: "demo",
    officeId,
    officeIds:
      role === "staff"
        ? [officeId]
        : [officeId, ...officeRows.filter((o) => o.parentId === officeId).map((o) => o.id)],
    partnerId: null,
    canRevealNik: role === "manager",
  });

  const madiunToday = Math.max(
    0,
    Math.min(30, Math.floor((now.getTime() - eventStart(E.sosialisasiMadiun).getTime()) / 600_000)),
  );
  const groups: Group[] = [
    {
      label: "Sarasehan Palembang",
      count: 110,
      staff: U.staffPalembang,
      officeId: "kc-palembang",
      source: "event",
      eventId: E.sarasehanPalembang,
      campaignId: C.sumsel,
      regency: "16.71",
      names: PALEMBANG,
      occupations: [
        ["pemilik_umkm", 40],
        ["pedagang_pasar", 20],
        ["industri_rumahan", 15],
        ["penjahit", 10],
        ["pedagang_keliling", 15],
      ],
      payer: () => ({ payer: "self" }),
      at: during(E.sarasehanPalembang, 110),
    },
    {
      label: "Rakor Solo",
      count: 45,
      staff: U.staffSurakarta,
      officeId: "kc-surakarta",
      source: "event",
      eventId: E.rakorSolo,
      campaignId: C.jateng,
      regency: "33.72",
      names: JAVANESE,
      occupations: [
        ["pemilik_umkm", 35],
        ["industri_rumahan", 30],
        ["penjahit", 15],
        ["pedagang_pasar", 20],
      ],
      payer: () => ({ payer: "self" }),
      at: during(E.rakorSolo, 45),
    },
    {
      label: "Jemput bola Pasar Legi Blitar",
      count: 130,
      staff: U.staffBlitar,
      officeId: "kc-blitar",
      source: "event",
      eventId: E.jemputBolaBlitar,
      campaignId: C.blitar,
      regency: "35.72",
      names: JAVANESE,
      occupations: [
        ["pedagang_pasar", 55],
        ["penjahit", 15],
        ["becak", 15],
        ["pedagang_keliling", 15],
      ],
      // Pasar Legi's paguyuban pools the dues of its members; a CSR sponsor pays six months for others.
      payer: (i) =>
        i % 13 < 5
          ? { payer: "paguyuban", sponsorPartnerId: P.paguyubanPasarBlitar }
          : i % 13 < 10
            ? { payer: "csr", sponsorPartnerId: P.csrSumberMakmur, months: 6 }
            : { payer: "self" },
      at: during(E.jemputBolaBlitar, 130),
    },
    {
      label: "Jemput bola Tulungagung",
      count: 95,
      staff: U.staffBlitar,
      officeId: "kc-blitar",
      source: "event",
      eventId: E.jemputBolaTulungagung,
      campaignId: C.blitar,
      regency: "35.04",
      names: JAVANESE,
      occupations: [
        ["nelayan", 45],
        ["petani", 35],
        ["buruh_tani", 20],
      ],
      payer: () => ({ payer: "self" }),
      at: during(E.jemputBolaTulungagung, 95),
    },
    {
      label: "Sosialisasi Madiun (today)",
      count: madiunToday,
      staff: U.staffMadiun,
      officeId: "kc-madiun",
      source: "event",
      eventId: E.sosialisasiMadiun,
      campaignId: C.madiun,
      regency: "35.77",
      names: JAVANESE,
      occupations: [
        ["ojek", 40],
        ["becak", 30],
        ["pedagang_keliling", 30],
      ],
      payer: () => ({ payer: "apbd", sponsorPartnerId: P.pemkotMadiun, months: 12 }),
      at: (i) => new Date(eventStart(E.sosialisasiMadiun).getTime() + i * 600_000),
    },
    {
      label: "Pendataan kelurahan Kota Madiun",
      count: 220 - madiunToday,
      staff: U.staffMadiun,
      officeId: "kc-madiun",
      source: "kelurahan_list",
      eventId: null,
      campaignId: C.madiun,
      regency: "35.77",
      names: JAVANESE,
      occupations: [
        ["ojek", 25],
        ["becak", 20],
        ["pedagang_keliling", 20],
        ["pedagang_pasar", 15],
        ["marbot_takmir", 10],
        ["guru_ngaji", 10],
      ],
      payer: () => ({ payer: "apbd", sponsorPartnerId: P.pemkotMadiun, months: 12 }),
      // Lists come in over the months: one every few weeks, from about ten months ago.
      at: (i) => new Date(now.getTime() - (300 - Math.floor(i / 22) * 30) * DAY + rng.int(0, 5) * 3_600_000),
    },
  ];

  let serial = 0;
  let kpj = 0;
  let recorded = 0;
  for (const g of groups) {
    if (g.count <= 0) continue;
    const places = await db
      .select({ code: areas.code })
      .from(areas)
      .where(and(eq(areas.level, "village"), like(areas.code, `${g.regency}.%`)));
    const records: SignupInput[] = [];
    const times: Date[] = [];
    for (let i = 0; i < g.count; i++) {
      const at = g.at(i);
      const sex = rng.next() < 0.48 ? "F" : "M";
      const birth = new Date(Date.UTC(rng.int(1962, 2003), rng.int(0, 11), rng.int(1, 28)));
      const birthDate = birth.toISOString().slice(0, 10);
      const village = rng.pick(places).code;
      serial += 1;
      const dd = String(birth.getUTCDate() + (sex === "F" ? 40 : 0)).padStart(2, "0");
      const nik = `${village.slice(0, 8).replaceAll(".", "")}${dd}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(serial).padStart(4, "0")}`;
      const occupation = rng.weighted(g.occupations);
      const pay = g.payer(i);
      const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
      const until = pay.months
        ? new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + pay.months, 0))
        : null;
      const consentAt = new Date(at.getTime() - 60_000).toISOString();
      records.push({
        id: crypto.randomUUID(),
        eventId: g.eventId,
        nik,
        fullName: `${rng.pick(g.names[sex])} ${rng.pick(g.names.last)}`,
        sex,
        birthDate,
        phone:
          rng.next() < 0.9
            ? `08${rng.pick(["12", "13", "21", "22", "52", "57", "77", "81", "95", "96"])}${rng.int(1_000_000, 99_999_999)}`
            : null,
        occupation,
        villageCode: village,
        address: `RT ${String(rng.int(1, 12)).padStart(2, "0")} RW ${String(rng.int(1, 8)).padStart(2, "0")}`,
        incomeBand:
          occupation === "pemilik_umkm"
            ? rng.pick(["B02", "B03", "B04", "B05"])
            : rng.weighted([
                ["B01", 75],
                ["B02", 20],
                ["B03", 5],
              ] as const),
        jht: rng.next() < (occupation === "pemilik_umkm" ? 0.4 : 0.1),
        payer: pay.payer,
        sponsorPartnerId: pay.sponsorPartnerId ?? null,
        sponsoredFrom: until ? from.toISOString().slice(0, 10) : null,
        sponsoredUntil: until ? until.toISOString().slice(0, 10) : null,
        consentGiven: true,
        consentVersion: consentAt < "2026-07-01" ? "2024-10" : "2026-07",
        consentAt,
        recordedAt: at.toISOString(),
      });
      times.push(at);
    }

    // Synced like a tablet or a list upload: each day's records together, shortly after. Older
    // sign-ups have moved on since: most registered with a KPJ number, some verified, a few rejected.
    const byDay = new Map<string, number[]>();
    for (const [i, at] of times.entries()) {
      const day = at.toISOString().slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), i]);
    }
    const staff = principalOf(g.staff, "staff", g.officeId);
    const [managerId, regionalOffice] =
      g.officeId === "kc-palembang"
        ? [U.managerSumbagsel, "kw-sumbagsel"]
        : g.officeId === "kc-surakarta"
          ? [U.managerJateng, "kw-jateng-diy"]
          : [U.managerJatim, "kw-jatim"];
    const manager = principalOf(managerId, "manager", regionalOffice);
    for (const indexes of byDay.values()) {
      const last = Math.max(...indexes.map((i) => times[i]?.getTime() ?? 0));
      const { results } = await recordSignups(
        db,
        env,
        staff,
        indexes.map((i) => records[i]),
        {
          source: g.source,
          now: new Date(Math.min(now.getTime(), last + 3_600_000)),
          ...(g.eventId ? {} : { officeId: g.officeId, campaignId: g.campaignId }),
        },
      );
      const created = results.filter((r) => r.status === "created").map((r) => r.id as string);
      recorded += created.length;
      if ((now.getTime() - last) / DAY < 14) continue;

      const verify: StatusChangeRequest[] = [];
      const reject: StatusChangeRequest[] = [];
      const register: StatusChangeRequest[] = [];
      for (const id of created) {
        const roll = rng.next();
        if (roll < 0.05)
          reject.push({
            id,
            expectedVersion: 1,
            change: { to: "rejected", reason: rng.pick(REJECT_REASONS) },
          });
        else if (roll < 0.88) {
          verify.push({ id, expectedVersion: 1, change: { to: "verified" } });
          if (roll < 0.65) {
            kpj += 1;
            register.push({
              id,
              expectedVersion: 2,
              change: { to: "registered", kpj: `2${String(2_100_000_000 + kpj)}` },
            });
          }
        }
      }
      const actor = (days: number) => ({
        principal: manager,
        now: new Date(Math.min(now.getTime(), last + days * DAY)),
      });
      await changeSignupStatuses(db, actor(5), verify);
      await changeSignupStatuses(db, actor(7), reject);
      await changeSignupStatuses(db, actor(12), register);
    }
  }
  return { recorded };
}
