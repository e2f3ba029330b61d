"""The sheet Petunjuk: how to fill the workbook in, in the words of a trainer. The
workbook's sheet and column names are fixed Indonesian (modul reads them back), and so
is this text."""

from __future__ import annotations

from modul.results.plan import ATTENDANCE, EVALUATION, KEY, POSTTEST, PRETEST, Plan

Line = tuple[str, str]  # text, style: "title", "head" or ""


def guide_lines(plan: Plan) -> list[Line]:
    legend = ", ".join(f"{abbr} = {score}" for score, abbr, _label in plan.scale_legend)
    path = f"hasil/{plan.edition}/{plan.role}.xlsx"
    return [
        (f"Rekap Hasil Pelatihan: {plan.role_name}", "title"),
        (plan.title, ""),
        ("", ""),
        ("Cara mengisi", "head"),
        (
            f"1. {ATTENDANCE}: tulis nama dan asal setiap peserta (jika belum tertulis), lalu "
            "isi kolom setiap hari dengan H (hadir), I (izin), S (sakit), atau A (alpa, "
            "tanpa keterangan).",
            "",
        ),
        (
            f"2. {PRETEST} dan {POSTTEST}: salin jawaban setiap peserta dari lembar tesnya, "
            "yaitu huruf a, b, c, atau d, ke kolom nomor soalnya. Nomor kolom mengikuti "
            "nomor soal yang tercetak pada lembar tes itu; urutan soal "
            f"{POSTTEST} berbeda dengan {PRETEST}. Soal yang tidak dijawab dibiarkan kosong.",
            "",
        ),
        (
            "3. Tulis nama setiap peserta dengan ejaan yang sama di semua lembar, agar hasil "
            f"{PRETEST} dan {POSTTEST} setiap peserta dapat dipasangkan. Jika seorang peserta "
            "tidak mengikuti salah satu tes, biarkan baris jawabannya kosong: ia dicatat tidak "
            "mengikuti tes itu, bukan diberi nilai 0.",
            "",
        ),
        (
            f"4. {EVALUATION}: satu baris untuk setiap formulir yang kembali, tanpa nama. "
            f"Tulis skor setiap sesi dan pernyataan: {legend}. Salin jawaban pertanyaan "
            "terbuka apa adanya.",
            "",
        ),
        (
            f"5. Jangan mengubah nama lembar, judul kolom, atau baris {KEY}: modul "
            "memeriksanya saat membaca berkas ini. Baris peserta boleh ditambah di bawah.",
            "",
        ),
        ("", ""),
        ("Setelah selesai", "head"),
        (
            f"Simpan berkas ini sebagai .xlsx, lalu jalankan: modul report {path}. Kesalahan "
            "isian ditunjukkan dengan nama lembar dan selnya, misalnya Tes Awal!D5.",
            "",
        ),
    ]
