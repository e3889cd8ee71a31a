"""Formation kit: editable DOCX drafts a village uses to form its KIM.

Three documents, each built from the village's real names (and its KIM and pengurus when it
already has them): a draft decree of the village head (SK), the minutes of the formation
meeting (berita acara) and a template of the KIM's statutes (AD/ART). They are starting points
written in formal Indonesian; every page footer says they must be edited and checked against
local rules before use. Blanks the community fills in are dotted lines.

Only regulations whose number, year and title are certain are cited; a local regulation is
left as a blank line for the village to fill in rather than guessed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kim.models import Jabatan, Kim
from wilayah.models import Tipe, Wilayah

DOKUMEN: dict[str, str] = {
    "sk": "Rancangan Keputusan Pembentukan KIM",
    "berita-acara": "Berita Acara Musyawarah Pembentukan KIM",
    "adart": "Templat Anggaran Dasar dan Anggaran Rumah Tangga KIM",
}

TITIK = "……"
TITIK_NAMA = "……………………………"
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
# Fixed Indonesian wording: the model's labels are translatable, a formal document is not.
NAMA_JABATAN = {
    Jabatan.KETUA: "Ketua",
    Jabatan.WAKIL_KETUA: "Wakil Ketua",
    Jabatan.SEKRETARIS: "Sekretaris",
    Jabatan.BENDAHARA: "Bendahara",
    Jabatan.SEKSI: "Seksi",
}
JABATAN_KOSONG = ["Ketua", "Wakil Ketua", "Sekretaris", "Bendahara", f"Seksi {TITIK}", f"Seksi {TITIK}", f"Seksi {TITIK}"]


def tanggal_indonesia(d: date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


@dataclass
class Desa:
    """The names a document needs, read once from the region tree and the village's KIM."""

    jenis: str  # "Desa", "Kelurahan" or "Desa Adat"
    nama: str  # "Tungkap"
    kecamatan: str  # "Binuang"
    kabupaten: str  # "Kabupaten Tapin"
    provinsi: str  # "Kalimantan Selatan"
    kim_inti: str  # the KIM's own name without the "KIM" prefix: "Tungkap Bersinar"
    kim: Kim | None
    pengurus: list[tuple[str, str]]  # (nama, jabatan), empty when none are on record

    @property
    def is_desa(self) -> bool:
        return self.jenis != "Kelurahan"

    @property
    def lengkap(self) -> str:
        return f"{self.jenis} {self.nama}"

    @property
    def kepala(self) -> str:
        return f"Lurah {self.nama}" if self.jenis == "Kelurahan" else f"Kepala {self.lengkap}"

    @property
    def kim_pendek(self) -> str:
        return f"KIM {self.kim_inti}"

    @property
    def kim_panjang(self) -> str:
        return f"Kelompok Informasi Masyarakat (KIM) {self.kim_inti}"

    @property
    def letak(self) -> str:
        return f"{self.lengkap}, Kecamatan {self.kecamatan}, {self.kabupaten}"

    @property
    def bupati(self) -> str:
        """The regional head's title: Bupati, or Wali Kota in a city."""
        return "Wali Kota" if self.kabupaten.startswith("Kota ") else "Bupati"


def _tanpa_awalan(nama: str, *awalan: str) -> str:
    for a in awalan:
        if nama.lower().startswith(a.lower() + " "):
            return nama[len(a) + 1 :].strip()
    return nama.strip()


def _pengurus(kim: Kim | None, today: date) -> list[tuple[str, str]]:
    if kim is None:
        return []
    rows = [p for p in kim.pengurus_menjabat(today) if p.jabatan != Jabatan.ANGGOTA]
    rows.sort(key=lambda p: (p.jabatan_urut, p.nama.lower()))
    return [(p.nama, _jabatan(p)) for p in rows]


def _jabatan(p) -> str:
    return f"Seksi {p.nama_seksi}" if p.jabatan == Jabatan.SEKSI and p.nama_seksi else NAMA_JABATAN[p.jabatan]


def baca_desa(wilayah: Wilayah, today: date) -> Desa:
    kecamatan, kabupaten = wilayah.parent, wilayah.parent.parent
    nama_kab = kabupaten.nama
    if not nama_kab.startswith(("Kabupaten ", "Kota ")):
        nama_kab = f"{'Kota' if kabupaten.tipe == Tipe.KOTA else 'Kabupaten'} {nama_kab}"
    kim = Kim.objects.filter(wilayah=wilayah).first()
    jenis = {Tipe.KELURAHAN: "Kelurahan", Tipe.DESA_ADAT: "Desa Adat"}.get(wilayah.tipe, "Desa")
    return Desa(
        jenis=jenis,
        nama=wilayah.nama,
        kecamatan=_tanpa_awalan(kecamatan.nama, "Kecamatan"),
        kabupaten=nama_kab,
        provinsi=_tanpa_awalan(kabupaten.parent.nama, "Provinsi"),
        kim_inti=_tanpa_awalan(kim.nama, "KIM", "Kelompok Informasi Masyarakat") if kim else wilayah.nama,
        kim=kim,
        pengurus=_pengurus(kim, today),
    )


# --- Building blocks --------------------------------------------------------------------------


def _dokumen(catatan: str) -> Document:
    """An A4 document in Times New Roman 12 with `catatan` in the footer of every page."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(4)
    footer = section.footer.paragraphs[0]
    run = footer.add_run(catatan)
    run.italic, run.font.size, run.font.name = True, Pt(8), "Arial"
    return doc


def _para(
    doc,
    teks: str = "",
    *,
    tebal: bool = False,
    tengah: bool = False,
    kiri: float = 0,
    gantung: float = 0,
    rata: bool = False,
    ukuran: float | None = None,
    tab: tuple[float, ...] = (),
):
    """One paragraph; `kiri` is the left indent and `gantung` the hanging indent, in cm."""
    p = doc.add_paragraph()
    if teks:
        run = p.add_run(teks)
        run.bold = tebal
        if ukuran:
            run.font.size = Pt(ukuran)
    fmt = p.paragraph_format
    if tengah:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif rata:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if kiri or gantung:
        fmt.left_indent, fmt.first_line_indent = Cm(kiri), Cm(-gantung)
    for posisi in tab:
        fmt.tab_stops.add_tab_stop(Cm(posisi))
    return p


def _judul(doc, *baris: str) -> None:
    for teks in baris:
        _para(doc, teks, tebal=True, tengah=True)


def _garis_bawah(p) -> None:
    """A thick rule under a paragraph: the line that closes a letterhead."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "thick", "w:sz": "12", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def _kop(doc, d: Desa) -> None:
    _para(doc, f"PEMERINTAH {d.kabupaten.upper()}", tebal=True, tengah=True, ukuran=14)
    _para(doc, f"KECAMATAN {d.kecamatan.upper()}", tebal=True, tengah=True, ukuran=14)
    _para(doc, d.lengkap.upper(), tebal=True, tengah=True, ukuran=16)
    _garis_bawah(_para(doc, f"Alamat: {TITIK_NAMA} Kode Pos {TITIK}", tengah=True, ukuran=10))


def _butir(doc, label: str, isi: list[str], *, lebar_label: float = 3.2, penanda: str = "huruf") -> None:
    """`Label : a. first item` with later items aligned under the first: the layout of an SK's considerations."""
    kiri = lebar_label + 0.5
    if len(isi) == 1:
        _para(doc, f"{label}\t:\t{isi[0]}", kiri=kiri, gantung=kiri, rata=True, tab=(lebar_label, kiri))
        return
    for i, teks in enumerate(isi):
        awal = f"{label}\t:\t" if i == 0 else "\t\t"
        _para(
            doc,
            f"{awal}{_penanda(i, penanda)}\t{teks}",
            kiri=kiri + 0.8,
            gantung=kiri + 0.8,
            rata=True,
            tab=(lebar_label, kiri, kiri + 0.8),
        )


def _penanda(i: int, jenis: str) -> str:
    return f"{'abcdefghijklmnopqrstuvwxyz'[i]}." if jenis == "huruf" else f"{i + 1}."


def _daftar(doc, isi: list[str], *, penanda: str = "angka", kiri: float = 0.0, mulai: int = 0) -> None:
    for i, teks in enumerate(isi, mulai):
        _para(doc, f"{_penanda(i, penanda)}\t{teks}", kiri=kiri + 0.8, gantung=0.8, rata=True)


def _tabel(doc, judul: list[str], baris: list[list[str]], lebar: list[float]):
    """A bordered table with a bold header row; `lebar` gives each column's width in cm."""
    table = doc.add_table(rows=1 + len(baris), cols=len(judul))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, values in zip(table.rows, [judul, *baris], strict=True):
        for cell, teks, cm in zip(row.cells, values, lebar, strict=True):
            cell.width = Cm(cm)
            cell.text = teks
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _tabel_pengurus(doc, d: Desa) -> None:
    rows = d.pengurus or [(TITIK_NAMA, jabatan) for jabatan in JABATAN_KOSONG]
    _tabel(doc, ["No", "Nama", "Jabatan"], [[f"{i}.", nama, jab] for i, (nama, jab) in enumerate(rows, 1)], [1.2, 8, 6])


def _tanda_tangan(doc, baris_atas: list[str], kiri: float = 8.5) -> None:
    """A signature block: place, date and office above, room to sign, a dotted line for the name."""
    for teks in baris_atas:
        _para(doc, teks, kiri=kiri)
    for _ in range(3):
        _para(doc)
    _para(doc, TITIK_NAMA, tebal=True, kiri=kiri)


def _tanda_tangan_berdampingan(doc, kiri: str, kanan: str) -> None:
    """Two signatures side by side, in a table without borders."""
    for cell, jabatan in zip(doc.add_table(rows=1, cols=2).rows[0].cells, [kiri, kanan], strict=True):
        cell.text = f"{jabatan}\n\n\n\n{TITIK_NAMA}"
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _halaman_baru(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _tugas(d: Desa) -> list[str]:
    """The five tasks of a KIM, shared by the SK and the statutes."""
    w = d.jenis.lower()
    return [
        f"menyebarluaskan informasi dari Pemerintah, pemerintah daerah, dan {'pemerintah desa' if d.is_desa else w} "
        "kepada masyarakat serta menyampaikan aspirasi masyarakat kepada pemerintah;",
        "memilah dan memverifikasi kebenaran informasi yang beredar di masyarakat serta menangkal penyebaran berita "
        "bohong (hoaks);",
        f"mempromosikan potensi dan produk unggulan {d.lengkap};",
        f"menjadi forum diskusi masyarakat dalam membahas program pembangunan {w}; dan",
        f"mendukung keterbukaan informasi publik di {d.lengkap}.",
    ]


def _simpan(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- The three documents ----------------------------------------------------------------------


def _mengingat(d: Desa) -> list[str]:
    """The legal basis, by rank then year. The law on villages applies to a desa; a kelurahan is part of the kecamatan."""
    uu_desa = (
        "Undang-Undang Nomor 6 Tahun 2014 tentang Desa sebagaimana telah beberapa kali diubah, terakhir dengan "
        "Undang-Undang Nomor 3 Tahun 2024 tentang Perubahan Kedua atas Undang-Undang Nomor 6 Tahun 2014 tentang Desa;"
    )
    pp_kecamatan = "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;"
    return [
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
        *([uu_desa] if d.is_desa else []),
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah, terakhir "
        "dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 "
        "Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang;",
        "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang "
        "Keterbukaan Informasi Publik;",
        *([] if d.is_desa else [pp_kecamatan]),
        "Peraturan Menteri Komunikasi dan Informatika Nomor 8 Tahun 2019 tentang Penyelenggaraan Urusan Pemerintahan "
        "Konkuren Bidang Komunikasi dan Informatika;",
        f"{TITIK_NAMA} (peraturan daerah atau peraturan {d.bupati.lower()} setempat, bila ada).",
    ]


def _sk(doc, d: Desa) -> None:
    nomor = d.kim.nomor_sk if d.kim and d.kim.nomor_sk else f"{TITIK} TAHUN {TITIK}"
    keputusan = f"KEPUTUSAN {d.kepala.upper()}"
    tentang = f"PEMBENTUKAN {d.kim_panjang.upper()} {d.letak.upper().replace(',', '')}"
    _kop(doc, d)
    _judul(doc, "RANCANGAN", keputusan, f"NOMOR {nomor}", "", "TENTANG", tentang, "", f"{d.kepala.upper()},")
    sumber = "Anggaran Pendapatan dan Belanja Desa, " if d.is_desa else "Anggaran Pendapatan dan Belanja Daerah, "
    _butir(
        doc,
        "Menimbang",
        [
            "bahwa Kelompok Informasi Masyarakat merupakan sarana penyebarluasan informasi dan pemberdayaan masyarakat "
            "yang dibentuk oleh, dari, dan untuk masyarakat;",
            f"bahwa untuk mewujudkan masyarakat {d.lengkap} yang informatif, cerdas, dan berdaya serta mendukung "
            "keterbukaan informasi publik, perlu dibentuk Kelompok Informasi Masyarakat;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan "
            f"{d.kepala} tentang Pembentukan {d.kim_panjang};",
        ],
    )
    _butir(doc, "Mengingat", _mengingat(d), penanda="angka")
    _judul(doc, "MEMUTUSKAN:")
    _butir(doc, "Menetapkan", [f"{keputusan} TENTANG {tentang}."])
    diktum = {
        "KESATU": f"Membentuk {d.kim_panjang} yang berkedudukan di {d.letak}, Provinsi {d.provinsi}.",
        "KEDUA": f"Susunan pengurus {d.kim_pendek} sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak "
        "terpisahkan dari Keputusan ini.",
        "KETIGA": f"{d.kim_pendek} mempunyai tugas:",
        "KEEMPAT": f"Pembiayaan kegiatan {d.kim_pendek} bersumber dari {sumber}swadaya masyarakat, dan/atau sumber lain "
        "yang sah dan tidak mengikat sesuai dengan ketentuan peraturan perundang-undangan.",
        "KELIMA": "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat "
        "kekeliruan akan diadakan perbaikan sebagaimana mestinya.",
    }
    for label, teks in diktum.items():
        _butir(doc, label, [teks])
        if label == "KETIGA":
            _daftar(doc, _tugas(d), penanda="huruf", kiri=3.7)
    _para(doc)
    _tanda_tangan(doc, [f"Ditetapkan di {d.nama}", f"pada tanggal {TITIK_NAMA}", f"{d.kepala.upper()},"])
    _para(doc, "Tembusan disampaikan kepada Yth.:")
    bupati = f"{d.bupati} {d.kabupaten.partition(' ')[2]}"
    perangkat_daerah = "Kepala Perangkat Daerah yang membidangi urusan komunikasi dan informatika"
    _daftar(doc, [f"{bupati} c.q. {perangkat_daerah};", f"Camat {d.kecamatan};", f"Pengurus {d.kim_pendek};", "Arsip."])
    _halaman_baru(doc)
    _para(doc, f"LAMPIRAN\nKEPUTUSAN {d.kepala.upper()}\nNOMOR {nomor}\nTENTANG PEMBENTUKAN {d.kim_pendek.upper()}", kiri=8.5)
    _judul(doc, "", f"SUSUNAN PENGURUS {d.kim_panjang.upper()}", d.letak.upper().replace(",", ""))
    _tabel_pengurus(doc, d)
    _para(doc)
    _tanda_tangan(doc, [f"{d.kepala.upper()},"])


def _berita_acara(doc, d: Desa) -> None:
    unsur = "Pemerintah Desa, Badan Permusyawaratan Desa," if d.is_desa else "perangkat kelurahan,"
    _judul(
        doc,
        "BERITA ACARA",
        f"MUSYAWARAH PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) {d.lengkap.upper()}",
        f"KECAMATAN {d.kecamatan.upper()} {d.kabupaten.upper()}",
        "",
    )
    _para(
        doc,
        f"Pada hari ini {TITIK} tanggal {TITIK} bulan {TITIK} tahun {TITIK}, bertempat di {TITIK_NAMA}, "
        f"{d.letak}, Provinsi {d.provinsi}, telah dilaksanakan musyawarah pembentukan Kelompok Informasi "
        f"Masyarakat (KIM) {d.lengkap} yang dihadiri oleh unsur {unsur} lembaga kemasyarakatan, tokoh masyarakat, "
        "tokoh agama, tokoh pemuda, tokoh perempuan, dan warga sebagaimana tercantum dalam daftar hadir terlampir.",
        rata=True,
    )
    _para(doc, f"Musyawarah dipimpin oleh {TITIK_NAMA} dengan acara:", rata=True)
    _daftar(
        doc,
        [
            "penjelasan mengenai maksud, tujuan, serta tugas dan fungsi KIM;",
            "penetapan nama KIM;",
            "pemilihan dan penetapan susunan pengurus KIM;",
            "pembahasan Anggaran Dasar dan Anggaran Rumah Tangga KIM; dan",
            "lain-lain.",
        ],
    )
    _para(doc, "Musyawarah menghasilkan kesepakatan sebagai berikut:", rata=True)
    _daftar(
        doc,
        [
            f"Membentuk Kelompok Informasi Masyarakat {d.lengkap} dengan nama “{d.kim_pendek}”.",
            f"Menetapkan susunan pengurus {d.kim_pendek} sebagai berikut:",
        ],
    )
    _tabel_pengurus(doc, d)
    _para(doc)
    _daftar(
        doc,
        [
            f"Menyepakati Anggaran Dasar dan Anggaran Rumah Tangga {d.kim_pendek} sebagaimana terlampir, dengan "
            f"catatan: {TITIK_NAMA}.",
            f"Mengusulkan kepada {d.kepala} agar menetapkan pembentukan dan susunan pengurus {d.kim_pendek} "
            f"dengan Keputusan {d.kepala}.",
            f"Lain-lain: {TITIK_NAMA}.",
        ],
        mulai=2,
    )
    _para(doc, "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.", rata=True)
    _para(doc, f"{d.nama}, {TITIK_NAMA}", kiri=8.5)
    _tanda_tangan_berdampingan(doc, "Pimpinan Musyawarah,", "Notulis,")
    _para(doc)
    _tanda_tangan(doc, ["Mengetahui,", f"{d.kepala},"], kiri=4.5)
    _halaman_baru(doc)
    _judul(doc, "DAFTAR HADIR", f"MUSYAWARAH PEMBENTUKAN KIM {d.lengkap.upper()}", f"Hari/tanggal: {TITIK_NAMA}", "")
    _tabel(doc, ["No", "Nama", "Unsur/Alamat", "Tanda Tangan"], [[f"{i}.", "", "", ""] for i in range(1, 16)], [1.2, 6, 5, 3.3])


def _anggaran_dasar(d: Desa) -> list[tuple[str, list[list]]]:
    """Chapters of the statutes: (title, articles); an article is a list of paragraphs, a nested list is a–z items."""
    return [
        (
            "NAMA, TEMPAT KEDUDUKAN DAN WAKTU",
            [
                [f"Organisasi ini bernama {d.kim_panjang}, selanjutnya disebut KIM."],
                [f"KIM berkedudukan di {d.letak}, Provinsi {d.provinsi}.", f"Sekretariat KIM beralamat di {TITIK_NAMA}."],
                [f"KIM didirikan pada tanggal {_berdiri(d)} untuk jangka waktu yang tidak ditentukan."],
            ],
        ),
        (
            "ASAS DAN TUJUAN",
            [
                ["KIM berasaskan Pancasila dan Undang-Undang Dasar Negara Republik Indonesia Tahun 1945."],
                [
                    "KIM bertujuan:",
                    [
                        f"mewujudkan masyarakat {d.lengkap} yang informatif, cerdas, dan berdaya;",
                        "meningkatkan partisipasi masyarakat dalam pembangunan melalui pemanfaatan informasi;",
                        "menjadi mitra pemerintah dalam penyebarluasan informasi dan penyerapan aspirasi; dan",
                        "mendorong keterbukaan informasi publik.",
                    ],
                ],
            ],
        ),
        (
            "TUGAS DAN FUNGSI",
            [
                ["KIM mempunyai tugas:", _tugas(d)],
                [
                    "Dalam melaksanakan tugasnya, KIM berfungsi sebagai:",
                    [
                        "wadah penyebarluasan dan pertukaran informasi di tengah masyarakat;",
                        f"mitra {d.kepala} dalam komunikasi dua arah antara pemerintah dan masyarakat; dan",
                        "sarana pemberdayaan masyarakat di bidang informasi dan komunikasi, termasuk literasi digital.",
                    ],
                ],
            ],
        ),
        (
            "KEANGGOTAAN",
            [
                [
                    f"Anggota KIM adalah warga {d.lengkap} yang telah berusia 17 (tujuh belas) tahun atau sudah menikah, bersedia "
                    "mematuhi Anggaran Dasar dan Anggaran Rumah Tangga, dan mendaftarkan diri kepada pengurus.",
                    "Keanggotaan berakhir karena:",
                    [
                        "meninggal dunia;",
                        "mengundurkan diri secara tertulis;",
                        f"pindah domisili ke luar {d.lengkap}; atau",
                        "diberhentikan berdasarkan keputusan musyawarah anggota.",
                    ],
                ],
            ],
        ),
        (
            "SUSUNAN PENGURUS",
            [
                [
                    "Pengurus KIM terdiri atas:",
                    ["ketua;", "wakil ketua;", "sekretaris;", "bendahara; dan", "seksi-seksi sesuai dengan kebutuhan."],
                    "Pengurus dipilih oleh dan dari anggota dalam musyawarah anggota.",
                    f"Susunan pengurus ditetapkan dengan Keputusan {d.kepala}.",
                    f"Masa bakti pengurus adalah {TITIK} ({TITIK}) tahun dan dapat dipilih kembali.",
                ],
                [f"{d.kepala} bertindak sebagai pembina KIM."],
            ],
        ),
        (
            "MUSYAWARAH",
            [
                [
                    "Musyawarah anggota merupakan forum pengambilan keputusan tertinggi KIM.",
                    f"Musyawarah anggota diadakan paling sedikit 1 (satu) kali dalam {TITIK} tahun untuk:",
                    [
                        "memilih dan menetapkan pengurus;",
                        "menilai laporan pertanggungjawaban pengurus;",
                        "menetapkan program kerja; dan",
                        "mengubah Anggaran Dasar dan Anggaran Rumah Tangga.",
                    ],
                    f"Musyawarah anggota luar biasa dapat diadakan atas usul pengurus atau paling sedikit {TITIK} anggota.",
                ],
                [
                    "Musyawarah anggota sah apabila dihadiri lebih dari setengah jumlah anggota.",
                    "Keputusan diambil secara musyawarah untuk mufakat; apabila mufakat tidak tercapai, keputusan diambil "
                    "berdasarkan suara terbanyak.",
                ],
            ],
        ),
        (
            "KEUANGAN",
            [
                [
                    "Keuangan KIM bersumber dari:",
                    [
                        "iuran anggota;",
                        "bantuan pemerintah yang sah;",
                        "usaha lain yang sah; dan",
                        "sumbangan yang tidak mengikat.",
                    ],
                    "Keuangan KIM dikelola secara tertib, transparan, dan akuntabel serta dilaporkan dalam musyawarah anggota.",
                ],
            ],
        ),
        (
            "PERUBAHAN ANGGARAN DASAR DAN PEMBUBARAN",
            [
                [
                    "Perubahan Anggaran Dasar hanya dapat dilakukan dalam musyawarah anggota yang dihadiri paling sedikit dua "
                    "pertiga jumlah anggota dan disetujui oleh lebih dari setengah jumlah anggota yang hadir."
                ],
                [
                    "KIM dapat dibubarkan berdasarkan keputusan musyawarah anggota yang diadakan khusus untuk itu.",
                    f"Kekayaan KIM yang dibubarkan diserahkan kepada {TITIK_NAMA} sesuai dengan keputusan musyawarah anggota.",
                    f"Pembubaran KIM dilaporkan kepada {d.kepala}.",
                ],
            ],
        ),
        (
            "PENUTUP",
            [
                [
                    "Hal yang belum diatur dalam Anggaran Dasar ini diatur dalam Anggaran Rumah Tangga.",
                    "Anggaran Dasar ini mulai berlaku pada tanggal ditetapkan.",
                ],
            ],
        ),
    ]


def _anggaran_rumah_tangga(d: Desa) -> list[tuple[str, list[list]]]:
    return [
        (
            "HAK DAN KEWAJIBAN ANGGOTA",
            [
                [
                    "Setiap anggota berhak:",
                    [
                        "mengikuti kegiatan KIM;",
                        "menyampaikan pendapat dan usul;",
                        "memilih dan dipilih menjadi pengurus; dan",
                        "memperoleh informasi tentang kegiatan dan keuangan KIM.",
                    ],
                ],
                [
                    "Setiap anggota wajib:",
                    [
                        "mematuhi Anggaran Dasar, Anggaran Rumah Tangga, dan keputusan musyawarah;",
                        "menjaga nama baik KIM;",
                        "menyebarkan informasi yang benar dan tidak menyebarkan berita bohong, ujaran "
                        "kebencian, atau informasi yang menyesatkan; dan",
                        "membayar iuran sesuai dengan keputusan musyawarah anggota.",
                    ],
                ],
            ],
        ),
        (
            "MASA BAKTI PENGURUS",
            [
                [
                    f"Masa bakti pengurus adalah {TITIK} ({TITIK}) tahun terhitung sejak ditetapkan.",
                    "Pengurus yang berhenti sebelum masa baktinya berakhir diganti melalui rapat pengurus dan dilaporkan dalam "
                    "musyawarah anggota berikutnya.",
                    f"Perubahan susunan pengurus disampaikan kepada {d.kepala} untuk ditetapkan.",
                ],
            ],
        ),
        (
            "RAPAT",
            [
                [
                    f"Rapat pengurus diadakan paling sedikit 1 (satu) kali dalam {TITIK} bulan.",
                    "Rapat anggota diadakan sesuai dengan kebutuhan atas undangan ketua.",
                    "Setiap rapat dicatat dalam notulen yang disimpan oleh sekretaris.",
                ],
            ],
        ),
        (
            "SANKSI",
            [
                [
                    "Anggota atau pengurus yang melanggar Anggaran Dasar atau Anggaran Rumah Tangga dapat dikenai sanksi berupa:",
                    ["teguran lisan;", "teguran tertulis;", "pemberhentian sementara; atau", "pemberhentian."],
                    "Sanksi diputuskan dalam rapat pengurus setelah yang bersangkutan diberi kesempatan menyampaikan "
                    "pembelaan; pemberhentian sebagai anggota diputuskan dalam musyawarah anggota.",
                ],
            ],
        ),
        (
            "PENUTUP",
            [
                [
                    "Hal yang belum diatur dalam Anggaran Rumah Tangga ini ditetapkan oleh rapat pengurus sepanjang tidak "
                    "bertentangan dengan Anggaran Dasar.",
                    "Anggaran Rumah Tangga ini mulai berlaku pada tanggal ditetapkan.",
                ],
            ],
        ),
    ]


def _berdiri(d: Desa) -> str:
    return tanggal_indonesia(d.kim.tanggal_berdiri) if d.kim and d.kim.tanggal_berdiri else TITIK_NAMA


ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _bab_bab(doc, bab: list[tuple[str, list[list]]]) -> None:
    """Chapters with articles numbered through; paragraphs numbered (1), (2) when an article has several."""
    nomor_pasal = 0
    for i, (judul, pasal_pasal) in enumerate(bab):
        _judul(doc, "", f"BAB {ROMAWI[i]}", judul)
        for pasal in pasal_pasal:
            nomor_pasal += 1
            _judul(doc, f"Pasal {nomor_pasal}")
            ayat = [x for x in pasal if isinstance(x, str)]
            nomor_ayat = 0
            for x in pasal:
                if isinstance(x, list):
                    _daftar(doc, x, penanda="huruf", kiri=0.8 if len(ayat) > 1 else 0)
                elif len(ayat) > 1:
                    nomor_ayat += 1
                    _para(doc, f"({nomor_ayat})\t{x}", kiri=0.8, gantung=0.8, rata=True)
                else:
                    _para(doc, x, rata=True)


def _adart(doc, d: Desa) -> None:
    _anggaran(doc, d, "ANGGARAN DASAR", _anggaran_dasar(d))
    _halaman_baru(doc)
    _anggaran(doc, d, "ANGGARAN RUMAH TANGGA", _anggaran_rumah_tangga(d))


def _anggaran(doc, d: Desa, judul: str, bab: list[tuple[str, list[list]]]) -> None:
    _judul(doc, "TEMPLAT", judul, d.kim_panjang.upper(), d.letak.upper().replace(",", ""))
    _bab_bab(doc, bab)
    _para(doc)
    _para(doc, f"Ditetapkan di {d.nama}\npada tanggal {TITIK_NAMA}\nMusyawarah Anggota {d.kim_pendek}", kiri=8.5)
    _tanda_tangan_berdampingan(doc, "Ketua,", "Sekretaris,")


_PENYUSUN = {
    "sk": (_sk, "rancangan-sk-pembentukan-kim", "Rancangan"),
    "berita-acara": (_berita_acara, "berita-acara-musyawarah-pembentukan-kim", "Rancangan"),
    "adart": (_adart, "templat-adart-kim", "Templat"),
}


def buat(dokumen: str, wilayah: Wilayah, *, today: date) -> tuple[bytes, str]:
    """The DOCX bytes and download filename of one kit document for a level-4 `wilayah`.

    `dokumen` is a key of DOKUMEN (KeyError otherwise). `today` picks the pengurus in office
    and dates the footer note.
    """
    penyusun, awalan, jenis = _PENYUSUN[dokumen]
    d = baca_desa(wilayah, today)
    doc = _dokumen(
        f"{jenis} ini dibuat oleh Jembatan pada {tanggal_indonesia(today)} sebagai bahan awal. Sunting dan periksa "
        "kesesuaiannya dengan peraturan perundang-undangan dan ketentuan setempat sebelum digunakan; hapus catatan ini "
        "setelahnya."
    )
    penyusun(doc, d)
    return _simpan(doc), f"{awalan}-{slugify(wilayah.nama) or wilayah.kode}.docx"
