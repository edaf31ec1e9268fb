import { registerDictionary } from "../../i18n/index.ts";

/** Words of the partner's progress page. */
export const partnerDictionary = {
  id: {
    ptn: {
      title: "Progres bersama",
      year: "Tahun",
      area: "Wilayah {{ name }}",
      areaWidened: "Angka wilayah dihitung untuk seluruh kabupaten/kota.",
      areaTotal: "Pendaftaran di wilayah Anda",
      eventsTotal: "Pendaftaran di kegiatan bersama",
      sharedEvents: "Kegiatan bersama",
      noEvents: "Belum ada kegiatan bersama yang dibagikan untuk tahun ini.",
      noArea: "Mitra ini tidak terikat pada satu wilayah.",
      byMonth: "Per bulan",
      byRegency: "Per kabupaten/kota",
      byOccupation: "Per pekerjaan",
      byPayer: "Per pembayar iuran",
      event: "Kegiatan",
      date: "Tanggal",
      role: "Peran",
      roles: { co_host: "Penyelenggara bersama", sponsor: "Sponsor", supporter: "Pendukung" },
      attendance: "Hadir",
      signups: "Pendaftaran",
      suppressedNote:
        "Angka di bawah {{ n }} ditampilkan sebagai \u201c< {{ n }}\u201d untuk melindungi data pribadi peserta; \u201c*\u201d menandai angka pendamping yang ikut disembunyikan agar angka kecil itu tidak dapat dihitung dari jumlahnya. Halaman ini hanya memuat angka gabungan.",
      csv: "Unduh CSV",
      print: "Cetak",
      printedAt: "Dicetak {{ date }}",
      loadFailed: "Progres tidak dapat dimuat.",
    },
  },
  en: {
    ptn: {
      title: "Shared progress",
      year: "Year",
      area: "Area {{ name }}",
      areaWidened: "Area figures are for the whole regency.",
      areaTotal: "Sign-ups in your area",
      eventsTotal: "Sign-ups at shared events",
      sharedEvents: "Shared events",
      noEvents: "No shared event for this year yet.",
      noArea: "This partner is not tied to one area.",
      byMonth: "By month",
      byRegency: "By regency",
      byOccupation: "By occupation",
      byPayer: "By who pays",
      event: "Event",
      date: "Date",
      role: "Role",
      roles: { co_host: "Co-host", sponsor: "Sponsor", supporter: "Supporter" },
      attendance: "Attended",
      signups: "Sign-ups",
      suppressedNote:
        "Counts below {{ n }} show as \u201c< {{ n }}\u201d to protect participants' personal data; \u201c*\u201d marks a companion figure hidden with them so that the small count cannot be worked out from the total. This page holds aggregates only.",
      csv: "Download CSV",
      print: "Print",
      printedAt: "Printed {{ date }}",
      loadFailed: "Progress could not be loaded.",
    },
  },
};

registerDictionary(partnerDictionary);
