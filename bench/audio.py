"""Audio versions (issue 10 part 5): a 150-word siaran spoken by espeak-ng and encoded as Opus/OGG and MP3.

Target: generated in at most 3 s, at most 100 KB. Prints, over BENCH_AUDIO_RUNS runs (default 5): wall time
and CPU time (this process and espeak-ng) of each step, the sizes, the speech's length, and the load average
before and after, since the machine is shared. Run it on one core beside other work:
`taskset -c 1 .venv/bin/python bench/audio.py` (bench/run does).
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jembatan.lib import speech

# A siaran as Diskominfo writes them: 150 words, with money, a date, times and abbreviations to write out.
SIARAN = """Pembagian bantuan benih padi musim tanam 2026

Pemerintah Kabupaten Tapin melalui Dinas Pertanian membagikan bantuan benih padi unggul kepada kelompok tani di
seluruh desa. Pembagian dilaksanakan pada 8/12/2026 pukul 08.00 WITA di balai desa masing-masing. Setiap kelompok
tani menerima paling banyak 250 kg benih dan pupuk organik. Bantuan ini gratis; petani tidak dipungut biaya apa pun.
Bila ada yang meminta uang, misalnya Rp50.000 per karung, segera laporkan kepada kepala desa atau Diskominfo.

Syarat pengambilan: membawa KTP dan KK ketua kelompok, surat pengantar dari Kec. setempat, dan daftar anggota
kelompok yang sudah ditandatangani. Kelompok yang belum terdaftar dapat mendaftar di kantor desa sampai 5/12/2026.

KIM diminta menyebarkan pengumuman ini melalui grup WhatsApp warga, mading desa, dan pengumuman di masjid setelah
salat Jumat. Petugas penyuluh akan hadir untuk menjelaskan cara tanam dan jadwal pemupukan. Terima kasih atas
perhatian dan kerja sama seluruh warga. Pertanyaan dapat disampaikan kepada penyuluh pertanian kecamatan atau kantor desa."""


def _cpu() -> float:
    self_, child = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return self_.ru_utime + self_.ru_stime + child.ru_utime + child.ru_stime


def main() -> None:
    if not speech.available():
        print(f"audio: skipped, {speech.INSTALL_HINT}")
        return
    runs = int(os.environ.get("BENCH_AUDIO_RUNS", "5"))
    kata = len(SIARAN.split())
    ucapan = speech.spoken(SIARAN)
    load_before = os.getloadavg()
    rows = []
    for _ in range(runs):
        c0, t0 = _cpu(), time.perf_counter()
        samples, rate = speech.synthesise(ucapan)
        t1 = time.perf_counter()
        ogg = speech.encode_opus(samples, rate)
        t2, c2 = time.perf_counter(), _cpu()
        mp3 = speech.encode_mp3(samples, rate)
        t3 = time.perf_counter()
        rows.append((t1 - t0, t2 - t1, t3 - t2, t2 - t0, t3 - t0, _cpu() - c0, len(ogg), len(mp3), len(samples) / rate, c2 - c0))
    load_after = os.getloadavg()

    def med(i: int) -> float:
        return statistics.median(r[i] for r in rows)

    def top(i: int) -> float:
        return max(r[i] for r in rows)

    print(f"audio: {kata}-word siaran, espeak-ng voice {speech.VOICE} at {speech.RATE_WPM} wpm, {runs} runs")
    print(f"audio: speech length {med(8):.1f} s")
    print(f"audio: espeak-ng {med(0):.2f} s; Opus encode {med(1):.2f} s; MP3 encode {med(2):.2f} s (medians)")
    print(f"audio: text to Opus/OGG {med(3):.2f} s median, {top(3):.2f} s max, CPU {med(9):.2f} s (target <= 3 s)")
    print(f"audio: text to Opus/OGG + MP3 {med(4):.2f} s median, {top(4):.2f} s max; CPU {med(5):.2f} s")
    print(
        f"audio: Opus/OGG {med(6) / 1000:.1f} KB ({med(6) * 8 / med(8) / 1000:.1f} kbit/s; target <= 100 KB); "
        f"MP3 {med(7) / 1000:.1f} KB"
    )
    print(f"audio: load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 cores)")


if __name__ == "__main__":
    main()
