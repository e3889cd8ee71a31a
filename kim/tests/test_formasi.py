"""The formation kit: three editable DOCX drafts filled with a village's real names and pengurus."""

import io
import re
from datetime import date

import docx
import pytest
import time_machine
from django.template import Context

from jembatan.test import DESA_A, KEL_BINUANG, make_pengurus
from kim import formasi
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)
PULAU_PINANG = "63.05.01.2007"  # a village of Binuang without a KIM
BENUA_LAWAS = "63.01.01.2001"  # Tanah Laut, outside the served kabupaten
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def buat(dokumen: str, kode: str) -> tuple[docx.document.Document, str]:
    content, filename = formasi.buat(dokumen, Wilayah.objects.get(kode=kode), today=TODAY)
    return docx.Document(io.BytesIO(content)), filename


def teks(doc) -> str:
    """Everything a reader sees in the body: paragraphs and table cells."""
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def tabel(doc, *judul: str) -> list[list[str]]:
    """The body rows of the first table whose header row is `judul`."""
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if tuple(rows[0]) == judul:
            return rows[1:]
    raise AssertionError(f"no table headed {judul}")


@pytest.fixture
def pengurus_tungkap(cast):
    kim = cast.kim_a
    make_pengurus(kim, "Siti Rahmah", "ketua")
    make_pengurus(kim, "Ahmad Fauzi", "seksi", nama_seksi="Informasi")
    make_pengurus(kim, "Bambang Sekretaris", "sekretaris")
    make_pengurus(kim, "Joko Lama", "bendahara", mulai=date(2024, 1, 1), selesai=date(2025, 5, 31))
    make_pengurus(kim, "Rina Anggota", "anggota")
    return kim


def test_sk_of_a_desa_names_its_head_kecamatan_and_kabupaten(cast):
    doc, _ = buat("sk", DESA_A)
    body = teks(doc)
    assert "RANCANGAN" in body
    assert "KEPUTUSAN KEPALA DESA TUNGKAP" in body
    assert "Kepala Desa Tungkap" in body
    assert "Kecamatan Binuang" in body and "Kabupaten Tapin" in body
    assert [p.text for p in doc.paragraphs[:3]] == ["PEMERINTAH KABUPATEN TAPIN", "KECAMATAN BINUANG", "DESA TUNGKAP"]
    assert "KABUPATEN KABUPATEN" not in body
    assert "Undang-Undang Nomor 6 Tahun 2014 tentang Desa" in body
    assert "Kelompok Informasi Masyarakat (KIM) Tungkap Bersinar" in body


def test_sk_has_considerations_decisions_and_the_five_tasks(cast):
    body = teks(buat("sk", DESA_A)[0])
    for label in ["Menimbang", "Mengingat", "MEMUTUSKAN:", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]:
        assert re.search(rf"^{label}", body, re.MULTILINE), label
    assert "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik" in body
    assert "berita bohong (hoaks)" in body
    assert "forum diskusi masyarakat dalam membahas program pembangunan desa" in body
    assert "Ditetapkan di Tungkap" in body


def test_sk_prefills_the_kims_decree_number_but_stays_a_draft(cast):
    body = teks(buat("sk", DESA_A)[0])
    assert "NOMOR 141/01/2025" in body  # make_kim records this number for an active KIM
    assert "RANCANGAN" in body


def test_sk_of_a_kelurahan_is_signed_by_the_lurah(db):
    doc, _ = buat("sk", KEL_BINUANG)
    body = teks(doc)
    assert "KEPUTUSAN LURAH BINUANG" in body and "Lurah Binuang" in body
    assert "Kepala Desa" not in body and "KEPALA DESA" not in body
    assert "tentang Desa;" not in body
    assert doc.paragraphs[2].text == "KELURAHAN BINUANG"


def test_sk_lampiran_lists_pengurus_in_office_but_not_former_ones_or_members(pengurus_tungkap):
    rows = tabel(buat("sk", DESA_A)[0], "No", "Nama", "Jabatan")
    assert rows == [
        ["1.", "Siti Rahmah", "Ketua"],
        ["2.", "Bambang Sekretaris", "Sekretaris"],
        ["3.", "Ahmad Fauzi", "Seksi Informasi"],
    ]


def test_village_without_a_kim_gets_blank_pengurus_rows_and_a_default_name(db):
    doc, _ = buat("sk", PULAU_PINANG)
    rows = tabel(doc, "No", "Nama", "Jabatan")
    jabatan = [row[2] for row in rows]
    assert jabatan[:4] == ["Ketua", "Wakil Ketua", "Sekretaris", "Bendahara"]
    assert all(row[1].startswith("……") for row in rows)
    assert "KIM Pulau Pinang" in teks(doc)
    assert "NOMOR …… TAHUN ……" in teks(doc)


def test_berita_acara_carries_real_names_pengurus_and_an_attendance_list(pengurus_tungkap):
    doc, filename = buat("berita-acara", DESA_A)
    body = teks(doc)
    assert "Pada hari ini …… tanggal …… bulan …… tahun ……, bertempat di" in body
    assert "Desa Tungkap, Kecamatan Binuang, Kabupaten Tapin, Provinsi Kalimantan Selatan" in body
    assert "“KIM Tungkap Bersinar”" in body
    assert ["1.", "Siti Rahmah", "Ketua"] in tabel(doc, "No", "Nama", "Jabatan")
    hadir = tabel(doc, "No", "Nama", "Unsur/Alamat", "Tanda Tangan")
    assert len(hadir) == 15 and hadir[0] == ["1.", "", "", ""]
    for ttd in ["Pimpinan Musyawarah,", "Notulis,", "Mengetahui,", "Kepala Desa Tungkap,"]:
        assert ttd in body
    assert filename == "berita-acara-musyawarah-pembentukan-kim-tungkap.docx"


def test_adart_places_the_kim_in_its_desa_kecamatan_kabupaten_and_provinsi(cast):
    doc, filename = buat("adart", DESA_A)
    body = teks(doc)
    assert "ANGGARAN DASAR" in body and "ANGGARAN RUMAH TANGGA" in body
    assert "KIM berkedudukan di Desa Tungkap, Kecamatan Binuang, Kabupaten Tapin, Provinsi Kalimantan Selatan." in body
    assert "Organisasi ini bernama Kelompok Informasi Masyarakat (KIM) Tungkap Bersinar" in body
    assert "BAB IX" in body and "Pasal 16" in body
    assert "SANKSI" in body
    assert filename == "templat-adart-kim-tungkap.docx"


@pytest.mark.parametrize("dokumen", list(formasi.DOKUMEN))
def test_every_document_is_a4_and_says_it_is_a_draft_to_check(db, dokumen):
    doc, filename = buat(dokumen, PULAU_PINANG)
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer.paragraphs[0].text
    assert "dibuat oleh Jembatan pada 30 Juni 2025" in footer
    assert "periksa kesesuaiannya" in footer
    assert re.fullmatch(r"[a-z0-9-]+-pulau-pinang\.docx", filename)
    assert "[?" not in teks(doc)  # no misspelt variable in the template


def test_letterhead_carries_the_villages_postal_code(db):
    doc, _ = buat("sk", PULAU_PINANG)
    assert doc.paragraphs[3].text == "Alamat: …………………………… Kode Pos 71183"


def test_letterhead_leaves_a_dotted_blank_when_the_postal_code_is_unknown(db):
    Wilayah.objects.filter(kode=PULAU_PINANG).update(kode_pos="")
    doc, _ = buat("sk", PULAU_PINANG)
    assert doc.paragraphs[3].text == "Alamat: …………………………… Kode Pos ……"


def test_names_are_written_as_they_are_not_html_escaped(cast):
    cast.kim_a.nama = 'KIM Maju & "Bersinar"'
    cast.kim_a.save()
    body = teks(buat("adart", DESA_A)[0])
    assert 'Kelompok Informasi Masyarakat (KIM) Maju & "Bersinar"' in body
    assert "&amp;" not in body and "&quot;" not in body


def test_adart_dates_its_founding_when_the_kim_has_a_founding_date(cast):
    cast.kim_a.tanggal_berdiri = date(2024, 8, 17)
    cast.kim_a.save()
    assert "KIM didirikan pada tanggal 17 Agustus 2024 untuk" in teks(buat("adart", DESA_A)[0])


# --- The line syntax of templates/kim/formasi/*.txt ----------------------------------------------


def dokumen_dari(sumber: str, **data) -> docx.document.Document:
    """`sumber` as a kit template: filled, split into paragraphs, written and read back."""
    doc = docx.Document()
    formasi.susun(
        doc, formasi.urai(formasi._mesin().from_string(formasi.rapikan(sumber)).render(Context(data, autoescape=False)))
    )
    out = io.BytesIO()
    doc.save(out)
    return docx.Document(io.BytesIO(out.getvalue()))


def paragraf(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_lines_holding_only_template_tags_leave_no_empty_paragraph():
    doc = dokumen_dari(
        "{# catatan #}\nSatu\n{% if desa %}\nDua\n{% endif %}\n{% for x in daftar %}\n{{ x }}\n{% endfor %}\n",
        desa=True,
        daftar=["Tiga"],
    )
    assert paragraf(doc) == ["Satu", "Dua", "Tiga"]


def test_a_blank_line_is_an_empty_paragraph_and_windows_line_ends_are_read():
    assert paragraf(dokumen_dari("\ufeffSatu\r\n\r\nDua\r\n")) == ["Satu", "", "Dua"]


def test_a_misspelt_variable_shows_in_the_document():
    assert paragraf(dokumen_dari("Desa {{ desa.nmaa }}")) == ["Desa [?desa.nmaa]"]


def test_list_items_are_numbered_on_from_the_first_one_written():
    doc = dokumen_dari(
        "Acara:\n1. buka\n1. sambutan\n{% if False %}\n1. hilang\n{% endif %}\n1. tutup\nLanjut:\n3. tiga\n9. empat\nc. huruf c\nx. huruf d"
    )
    assert paragraf(doc) == [
        "Acara:",
        "1.\tbuka",
        "2.\tsambutan",
        "3.\ttutup",
        "Lanjut:",
        "3.\ttiga",
        "4.\tempat",
        "c.\thuruf c",
        "d.\thuruf d",
    ]
    assert doc.paragraphs[1].paragraph_format.left_indent.cm == pytest.approx(0.8, abs=0.01)


def test_a_label_takes_its_items_on_its_own_row_and_a_label_with_text_indents_the_list_below():
    doc = dokumen_dari("Menimbang :\na. bahwa satu;\nb. bahwa dua;\nKETIGA : KIM mempunyai tugas:\na. tugas satu.")
    assert paragraf(doc) == [
        "Menimbang\t:\ta.\tbahwa satu;",
        "\t\tb.\tbahwa dua;",
        "KETIGA\t:\tKIM mempunyai tugas:",
        "a.\ttugas satu.",
    ]
    assert doc.paragraphs[3].paragraph_format.left_indent.cm == pytest.approx(4.5, abs=0.01)


def test_chapters_and_articles_are_numbered_and_an_article_numbers_several_paragraphs():
    sumber = "## BAB NAMA\n## Pasal\nSatu ayat.\n## Pasal\nAyat pertama:\na. butir;\nAyat kedua.\n\n## BAB LAIN\n## Pasal\nLagi.\n[halaman baru]\n## BAB BARU\n## Pasal\nAwal."
    assert [t for t in paragraf(dokumen_dari(sumber)) if t] == [
        "BAB I",
        "NAMA",
        "Pasal 1",
        "Satu ayat.",
        "Pasal 2",
        "(1)\tAyat pertama:",
        "a.\tbutir;",
        "(2)\tAyat kedua.",
        "BAB II",
        "LAIN",
        "Pasal 3",
        "Lagi.",
        "BAB I",
        "BARU",
        "Pasal 1",
        "Awal.",
    ]


def test_signature_blocks_line_breaks_and_bold():
    doc = dokumen_dari(">> LAMPIRAN \\\n>> NOMOR 1\n> **Nama**\n# Judul")
    assert paragraf(doc) == ["LAMPIRAN\nNOMOR 1", "Nama", "Judul"]
    assert doc.paragraphs[0].paragraph_format.left_indent.cm == pytest.approx(8.5, abs=0.01)
    assert doc.paragraphs[1].paragraph_format.left_indent.cm == pytest.approx(4.5, abs=0.01)
    assert doc.paragraphs[1].runs[0].bold and doc.paragraphs[2].runs[0].bold


def test_tables_letterhead_options_and_directives():
    doc = dokumen_dari(
        "[catatan kaki: Catatan.]\n[tengah tebal 16pt garis] KOP\n| No | Nama |\n| 1,2 cm | 8 cm |\n| 1. | Siti |\n| 2. |\n"
        "[tanda tangan berdampingan: Ketua, | Sekretaris,]\n[halaman baru]\n[bukan perintah]"
    )
    assert doc.sections[0].footer.paragraphs[0].text == "Catatan."
    kop = doc.paragraphs[0]
    assert (kop.text, kop.runs[0].bold, kop.runs[0].font.size.pt, "w:pBdr" in kop._p.xml) == ("KOP", True, 16, True)
    rows = [[cell.text for cell in row.cells] for row in doc.tables[0].rows]
    assert rows == [["No", "Nama"], ["1.", "Siti"], ["2.", ""]]
    assert round(doc.tables[0].rows[1].cells[1].width.cm, 1) == 8.0
    assert [cell.text for cell in doc.tables[1].rows[0].cells] == ["Ketua,\n\n\n\n……………………………", "Sekretaris,\n\n\n\n……………………………"]
    assert paragraf(doc)[-1] == "[bukan perintah]"


@time_machine.travel(date(2025, 6, 30))
def test_view_downloads_the_sk_as_an_attachment(client, pengurus_tungkap):
    response = client.get(f"/wilayah/{DESA_A}/kit/sk.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="rancangan-sk-pembentukan-kim-tungkap.docx"'
    doc = docx.Document(io.BytesIO(response.content))
    assert ["1.", "Siti Rahmah", "Ketua"] in tabel(doc, "No", "Nama", "Jabatan")


@pytest.mark.parametrize(
    "path", [f"/wilayah/{DESA_A}/kit/surat.docx", f"/wilayah/{BENUA_LAWAS}/kit/sk.docx", "/wilayah/63.05.01/kit/sk.docx"]
)
def test_view_404_for_unknown_document_other_kabupaten_or_a_kecamatan(client, db, path):
    assert client.get(path).status_code == 404
