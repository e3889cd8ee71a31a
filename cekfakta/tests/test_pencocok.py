"""The hoax matcher on a small fixed corpus written for these tests (no database)."""

import numpy as np
import pytest

from cekfakta import makna, pencocok
from cekfakta.pencocok import AMBANG_MUNGKIN, AMBANG_SAMA, PANJANG_MAKS, Hasil

VERDICT = {
    1: "Undian berhadiah Bank Kalsel lewat WhatsApp\nSelamat! Nomor anda terpilih sebagai pemenang undian Bank Kalsel "
    "hadiah mobil. Hubungi admin dan transfer biaya administrasi agar hadiah dikirim.",
    2: "Air PDAM Rantau tercemar bangkai, warga dilarang minum\nJangan minum air PDAM, airnya tercemar bangkai dan racun.",
    3: "Tautan pendaftaran bantuan sosial Rp 3 juta untuk semua KK\nDaftar sekarang lewat link ini, bantuan sosial "
    "Rp 3.000.000 untuk semua kepala keluarga, kuota terbatas.",
    4: "Vaksin campak di posyandu menyebabkan kemandulan\nOrang tua jangan bawa anak ke posyandu, vaksin campak bikin mandul.",
    5: "Bendungan Riam Kanan jebol, Rantau akan tenggelam malam ini\nBendungan Riam Kanan jebol, air bah menuju Rantau.",
    6: "Lowongan kerja PT Pertamina tanpa tes, gaji 8 juta\nPT Pertamina membuka lowongan tanpa tes, kirim CV lewat WA.",
    7: "Minum air rebusan daun sirsak menyembuhkan kanker dalam 3 hari\nRebus daun sirsak, minum tiap pagi, kanker sembuh.",
    8: "Presiden umumkan libur nasional tambahan sepekan bulan depan\nPemerintah menetapkan libur nasional tambahan.",
}


def Indeks():
    return pencocok.Indeks(penyemat=makna.vektor)


def vektor(teks: str):
    return makna.vektor([makna.teks_klaim(*teks.split("\n", 1))])[0]


def bangun(ix, items):
    ix.bangun((i, t, vektor(t)) for i, t in items)


@pytest.fixture(scope="module")
def indeks():
    ix = Indeks()
    bangun(ix, VERDICT.items())
    return ix


def _teratas(ix, teks):
    hasil = ix.cari(teks, 3)
    return hasil[0] if hasil else None


def test_exact_text_is_found_with_high_score(indeks):
    h = _teratas(indeks, VERDICT[2])
    assert h.id == 2 and h.skor >= 0.9


@pytest.mark.parametrize(
    ("pesan", "id_"),
    [
        ("BANTU SEBARKAN!!! air pdam rantau udh tercemar bangkai, jgn diminum dulu 🙏🙏", 2),
        ("Info A1: bendungan riam kanan jebooool, Rantau tenggelam nanti malam!! viralkan", 5),
        ("Ulun dapat kabar vaksin campak di posyandu bikin anak mandul, bujur kah?", 4),
        ("benarkah minum rebusan daun sirsak bisa sembuhkan kanker 3 hari?", 7),
    ],
)
def test_reworded_forwarded_message_is_matched(indeks, pesan, id_):
    """GIVEN a verdict WHEN its claim comes back reworded, with slang and boilerplate THEN it is the match."""
    h = _teratas(indeks, pesan)
    assert h is not None and h.id == id_
    assert h.skor >= AMBANG_SAMA


def test_templated_hoax_with_other_numbers_ranks_the_template_first(indeks):
    pesan = (
        "Selamat!! Nomor anda terpilih sbg pemenang undian Bank Kalsel hadiah mobil 2025. Hubungi admin 0812-9999-1111 "
        "dan transfer biaya administrasi Rp 750.000 agar hadiah dikirim"
    )
    h = _teratas(indeks, pesan)
    assert h.id == 1
    assert h.skor >= 0.5  # a near certain match, though under AMBANG_SAMA: the claim line is only half covered


@pytest.mark.parametrize(
    "pesan",
    [
        "Besok posyandu balita di balai desa jam 8, bawa buku KIA. Ada imunisasi campak gratis.",
        "Gotong royong bersihkan saluran air RT 3 hari Minggu, bawa cangkul.",
        "Harga cabe rawit di pasar Rantau hari ini 60 ribu sekilo.",
        "Pemadaman listrik terencana oleh PLN di Bakarangan Kamis jam 9 sampai 14.",
    ],
)
def test_unrelated_true_messages_are_not_matched(indeks, pesan):
    h = _teratas(indeks, pesan)
    assert h is None or h.skor < AMBANG_SAMA


def test_a_warning_about_a_known_hoax_finds_it_and_is_told_apart(indeks):
    # the desk never answers a warning "sama" (cekfakta.layanan): it offers the verdict instead
    pesan = "Bank Kalsel mengingatkan: kami tidak pernah mengadakan undian lewat WhatsApp, jangan transfer ke siapa pun."
    assert _teratas(indeks, pesan).id == 1
    assert pencocok.memperingatkan(pesan)


def test_results_are_best_first_and_limited_to_k(indeks):
    hasil = indeks.cari("bantuan sosial undian hadiah lowongan kerja vaksin", 4)
    assert len(hasil) <= 4
    assert [h.skor for h in hasil] == sorted((h.skor for h in hasil), reverse=True)
    assert all(isinstance(h, Hasil) and 0.0 <= h.skor <= 1.0 for h in hasil)


def test_tambah_makes_a_new_verdict_findable_at_once():
    ix = Indeks()
    bangun(ix, VERDICT.items())
    pesan = "Jembatan Rantau Baru retak dan akan ambruk, jangan lewat"
    assert not ix.cari(pesan) or ix.cari(pesan)[0].skor < AMBANG_SAMA
    teks = "Jembatan Rantau Baru retak dan akan ambruk\nJembatan Rantau Baru sudah retak, sebentar lagi ambruk."
    ix.tambah(99, teks, vektor(teks))
    assert len(ix) == len(VERDICT) + 1
    h = ix.cari(pesan)[0]
    assert h.id == 99 and h.skor >= AMBANG_SAMA


def test_tambah_with_a_known_id_replaces_its_text():
    ix = Indeks()
    bangun(ix, VERDICT.items())
    teks = "Gempa besar guncang Tapin besok pagi\nBMKG katanya gempa besar besok."
    ix.tambah(2, teks, vektor(teks))
    assert len(ix) == len(VERDICT)
    # the old text is gone: verdict 2 may still be a candidate by meaning, but it is no longer offered
    assert all(h.id != 2 or h.skor < AMBANG_MUNGKIN for h in ix.cari("air pdam rantau tercemar bangkai"))
    assert ix.cari("gempa besar guncang tapin besok pagi")[0].id == 2


def test_hapus_hides_a_verdict_at_once():
    ix = Indeks()
    bangun(ix, VERDICT.items())
    ix.hapus(5)
    ix.hapus(12345)  # unknown: ignored
    assert len(ix) == len(VERDICT) - 1
    assert all(h.id != 5 for h in ix.cari("bendungan riam kanan jebol rantau tenggelam"))


def test_many_additions_fold_into_the_main_segment_and_stay_findable():
    ix = pencocok.Indeks()  # the word index's bookkeeping alone: 1,200 vectors would only slow the test down
    ix.bangun(VERDICT.items())
    for i in range(1200):
        ix.tambah(1000 + i, f"Kabar nomor {i} tentang desa kode{i:04d}x\nisi kabar kode{i:04d}x")
    assert len(ix) == len(VERDICT) + 1200
    assert ix.cari("kabar desa kode0007x")[0].id == 1007
    assert ix.cari(VERDICT[3])[0].id == 3


def test_empty_and_content_free_queries_give_no_result(indeks):
    assert indeks.cari("") == []
    assert indeks.cari("🙏🙏 BANTU SEBARKAN!!! forwarded many times") == []
    assert Indeks().cari("air pdam tercemar") == []


def test_a_claim_without_its_meaning_vector_is_never_an_answer():
    ix = Indeks()
    ix.bangun([(1, VERDICT[2])])  # no vector: saved before the sentence model, not yet filled
    hasil = ix.cari(VERDICT[2])
    assert [h.id for h in hasil] == [1] and hasil[0].skor == 0.0


def test_enormous_query_is_cut_and_answered(indeks):
    pesan = VERDICT[5] + " lorem" * (PANJANG_MAKS // 2)
    hasil = indeks.cari(pesan)
    assert hasil and hasil[0].id == 5


def test_an_empty_build_gives_an_empty_index():
    ix = Indeks()
    ix.bangun([])
    assert len(ix) == 0 and ix.cari("apa saja") == []


@pytest.mark.parametrize(
    ("pesan", "peringatan"),
    [
        ("Ada pesan 'bansos THR cair, tarik tunai pakai KTP'. Itu hoaks, jangan diklik.", True),
        ("Waspada tautan undian Bank Kalsel yang minta PIN. Itu penipuan, bank tidak pernah minta kode OTP.", True),
        ("Ini bukan hoaks!! BLT Rp600 ribu cair lewat link ini, sebarkan", False),  # what a hoax says of itself
        ("Hoaks: BLT Rp600 ribu cair lewat link pendaftaran", False),  # a fact-check headline names the claim
        ("[HOAKS] Video bendungan Riam Kanan jebol", False),
        ("Posyandu balita besok jam 8 di balai desa", False),
    ],
)
def test_a_warning_is_told_from_a_repeat_and_from_a_fact_check_headline(pesan, peringatan):
    assert pencocok.memperingatkan(pesan) is peringatan


@pytest.mark.parametrize(
    ("pesan", "ajakan"),
    [
        ("Tolong disebarkan ke grup keluarga!", True),
        ("Buruan daftar lewat link ini sebelum kuota habis", True),
        ("Air PDAM tercemar!! jangan diminum", True),
        ("Rapat RT malam ini jam 8 di langgar", False),
    ],
)
def test_a_call_to_pass_the_message_on_is_recognised(pesan, ajakan):
    assert pencocok.mengajak(pesan) is ajakan


@pytest.mark.parametrize(
    ("pesan", "anjuran"),
    [
        ("Pendaftaran PPPK hanya lewat laman resmi BKN, kalau bingung hubungi BKPSDM.", True),
        ("Sebelum bayar umroh pastikan travelnya berizin.", True),
        ("Dinkes mengingatkan imunisasi polio tetap penting.", True),
        ("BLT cair Rp600 ribu, daftar lewat link ini sebelum ditutup!!", False),
    ],
)
def test_the_register_of_an_official_notice_is_recognised(pesan, anjuran):
    assert pencocok.menganjurkan(pesan) is anjuran


@pytest.mark.parametrize(
    ("pesan", "bagian"),
    [
        ("Penyaluran BLT Dana Desa hari Kamis jam 9 di balai desa, bawa KTP.", 1.0),
        ("Posyandu Melati buka Sabtu pagi, timbang bayi wan imunisasi.", 1 / 3),
        ("Malam Minggu ada hiburan orkes dangdut dari pemuda desa.", 1 / 3),
        # a week, not a day; a day already past is not a notice's "when"
        ("Pelatihan UMKM minggu depan, yang berminat daftar ke RT.", 0.0),
        ("Senin lalu hujan deras, jalan desa licin.", 0.0),
        ("BLT cair Rp600 ribu hari ini, daftar lewat link ini!!", 0.0),
        ("BANSOS CAIR PUKUL 10.00 DI KANTOR POS, SEBARKAN", 2 / 3),
    ],
)
def test_when_and_where_a_notice_gives_them_are_counted(pesan, bagian):
    assert pencocok.jadwal(pesan) == pytest.approx(bagian)


@pytest.mark.parametrize(
    ("pesan", "kabar", "sumber"),
    [
        ("Copas dari grup sebelah: BLT 600rb cair, daftar lewat link", True, False),
        ("Katanya air kelapa campur garam bisa sembuhkan DBD", True, False),
        ("Ulun taruskan haja lah, habar matan grup sabalah", True, False),
        ("Kata bidan desa, anak demam berdarah harus dibawa ke Puskesmas", False, True),
        ("Pendamping PKH: bantuan tahap 2 masuk ke rekening KKS", False, True),
        # Banjar "jar" says "katanya" and "kata dokter" alike: neither counts by itself
        ("Jar urang, gas melon isinya banyu", False, False),
        ("Kiriman paket sudah sampai, terima kasih", False, False),
    ],
)
def test_hearsay_and_a_named_source_are_recognised(pesan, kabar, sumber):
    assert (pencocok.kabar_burung(pesan), pencocok.bersumber(pesan)) == (kabar, sumber)


def _fitur_untuk(ix, teks, id_):
    return dict(ix.fitur(teks))[id_]


def test_a_message_that_drops_the_claims_negation_is_marked(indeks):
    # the claim says the PDAM water must not be drunk; a true notice says it may be
    benar = _fitur_untuk(indeks, "Air PDAM Rantau sudah diperiksa, aman diminum warga, kata petugas.", 2)
    ulang = _fitur_untuk(indeks, "Warga Rantau jangan minum air PDAM, tercemar bangkai!!", 2)
    assert pencocok.ingkar(VERDICT[2].partition("\n")[0])
    assert benar["ingkar_hilang"] == 1.0
    assert ulang["ingkar_hilang"] == 0.0


def test_a_message_that_negates_the_claims_own_words_is_marked(indeks):
    # "kada" (Banjar: tidak) stands before the claim's word "menyebabkan": the message denies the claim
    menyangkal = _fitur_untuk(indeks, "Vaksin campak di posyandu kada menyebabkan mandul, aman jar bidan desa.", 4)
    mengulang = _fitur_untuk(indeks, "Vaksin campak di posyandu bikin mandul, anak jangan dibawa!!", 4)
    assert menyangkal["ingkar_kata"] == 1.0
    assert _teratas(indeks, "Vaksin campak di posyandu kada menyebabkan mandul, aman jar bidan desa.").mengingkari
    # an instruction ("jangan dibawa") is not a statement that the claim is false
    assert mengulang["ingkar_kata"] == 0.0


@pytest.mark.parametrize(
    "pesan",
    [
        "Ini bukan hoaks!! Vaksin campak di posyandu menyebabkan mandul, sebarkan",  # what a hoax says of itself
        "Vaksin campak di posyandu menyebabkan mandul, sebarkan. Tidak percaya? Tanya bidan",  # no claim word follows
    ],
)
def test_what_is_not_a_negation_of_the_claim_is_not_marked(indeks, pesan):
    assert _fitur_untuk(indeks, pesan, 4)["ingkar_kata"] == 0.0


def test_a_claim_word_the_message_also_uses_plainly_is_not_denied(indeks):
    # "bukan menyebabkan" reaches the claim's word, but the message says it plainly too: it repeats the claim
    ulang = "Vaksin campak di posyandu menyebabkan mandul, bukan menyebabkan demam biasa!! sebarkan"
    assert _fitur_untuk(indeks, ulang, 4)["ingkar_kata"] == 0.0
    assert not _teratas(indeks, ulang).mengingkari
    # said only under the negation, it is still denied
    assert _fitur_untuk(indeks, "Vaksin campak di posyandu bukan menyebabkan mandul, kata bidan.", 4)["ingkar_kata"] == 1.0


def test_the_civil_service_agency_bkn_is_not_bukan():
    ix = Indeks()
    bangun(ix, [(1, "Pendaftaran CPNS dibuka lewat tautan\nDaftar CPNS lewat tautan ini")])
    assert _fitur_untuk(ix, "Info BKN pendaftaran CPNS dibuka lewat tautan ini", 1)["ingkar_kata"] == 0.0
    assert _fitur_untuk(ix, "Pendaftaran CPNS bkn lewat tautan, tapi di kantor BKPSDM", 1)["ingkar_kata"] == 1.0


@pytest.mark.parametrize(
    ("teks", "nama"),
    [
        ("Pengajuan KUR BRI lewat WhatsApp", {"bri"}),
        ("BP Jamsostek cairkan BSU", {"bpjs ketenagakerjaan"}),
        ("Rekrutmen pegawai Kementerian Kesehatan dan BPJS Kesehatan", {"kemenkes", "bpjs kesehatan"}),
        ("Dana desa sudah cair, kata pak kades", set()),
    ],
)
def test_the_institutions_a_text_names_are_read(teks, nama):
    assert pencocok.lembaga(teks) == nama


def test_a_message_about_another_institution_than_the_claims_is_marked(indeks):
    lain = _fitur_untuk(indeks, "Undian berhadiah BRI lewat WhatsApp, hadiah mobil, transfer biaya admin dulu", 1)
    sama = _fitur_untuk(indeks, "Undian berhadiah Bank Kalsel lewat WhatsApp, hadiah mobil, transfer biaya admin dulu", 1)
    assert (lain["lembaga_beda"], sama["lembaga_beda"]) == (1.0, 0.0)


def test_a_true_notice_on_a_hoaxs_topic_scores_below_its_repeat(indeks):
    ulang = _fitur_untuk(indeks, "Vaksin campak di posyandu bikin mandul, anak jangan dibawa!! sebarkan", 4)
    benar = _fitur_untuk(
        indeks, "Bidan desa mengingatkan: vaksin campak di posyandu kada menyebabkan mandul, pastikan anak diimunisasi.", 4
    )
    x = [[f[nama] for nama in pencocok.MODEL.fitur] for f in (ulang, benar)]
    skor_ulang, skor_benar = pencocok.MODEL.peluang(np.asarray(x, dtype=np.float64)).tolist()
    assert skor_benar < skor_ulang


@pytest.mark.parametrize(
    "isi",
    [
        None,  # missing
        "{not json",
        '{"model": {"fitur": ["makna"], "awal": 0, "pohon": []}, "ambang_sama": 0.9, "ambang_mungkin": 0.2}',
        '{"model": {"fitur": ["nama_lain"], "awal": 0, "pohon": [{"fitur": [0], "batas": [0], "kiri": [0], '
        '"kanan": [0], "nilai": [0.1], "daun": [true]}]}, "ambang_sama": 0.9, "ambang_mungkin": 0.2}',
        '{"model": {"fitur": ["makna"], "awal": 0, "pohon": [{"fitur": [0], "batas": [0], "kiri": [0], '
        '"kanan": [0], "nilai": [0.1], "daun": [true]}]}, "ambang_sama": 0.2, "ambang_mungkin": 0.9}',
    ],
    ids=["missing", "not json", "no trees", "unknown feature", "thresholds out of order"],
)
def test_a_missing_or_broken_model_file_says_how_to_restore_it(tmp_path, isi):
    path = tmp_path / "model_pencocok.json"
    if isi is not None:
        path.write_text(isi, encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"bench/cocok\.py --kalibrasi"):
        pencocok.muat_model(path)


def test_the_shipped_model_loads_with_thresholds_in_order():
    model, sama, mungkin = pencocok.muat_model()
    assert set(model.fitur) <= set(pencocok.FITUR) and 0 < mungkin <= sama <= 1


def _indeks_yang_mencatat(dilihat):
    """An index of the whole corpus whose sentence model records the texts it is given for messages."""

    def penyemat(teks):
        dilihat.extend(teks)
        return makna.vektor(teks)

    ix = pencocok.Indeks(penyemat=penyemat)
    bangun(ix, VERDICT.items())
    return ix


def test_the_sentence_model_reads_a_chat_message_in_standard_words():
    """GIVEN the corpus and a message in chat spelling, abbreviations and Banjar
    WHEN the index embeds the message
    THEN the sentence model is given the words the lexical stage reads ("yg" → "yang", "kada" → "tidak"),
    without the forwarding boilerplate and the emoji, and the message's verdict is found first."""
    dilihat = []
    ix = _indeks_yang_mencatat(dilihat)
    hasil = ix.cari("BANTU SEBARKAN!!! yg sdh dengar, air pdam rantau tercemar bangkai, kada usah diminum dulu 🙏", 3)
    assert dilihat == ["yang sudah dengar air pdam rantau tercemar bangkai tidak usah diminum dulu"]
    assert hasil[0].id == 2


def test_a_window_in_another_script_is_given_to_the_sentence_model_as_written():
    """GIVEN a message that opens with an Arabic phrase (whose vowel signs the normaliser would cut words at)
    THEN the sentence model reads that window as written, spaces aside; a message in fancy Unicode letters
    (𝐁𝐄𝐍𝐃𝐔𝐍𝐆𝐀𝐍) is Latin once normalised and is read in standard words."""
    dilihat = []
    ix = _indeks_yang_mencatat(dilihat)
    ix.cari("بِسْمِ اللَّهِ  bendungan riam kanan jebol, rantau tenggelam", 3)
    assert dilihat == ["بِسْمِ اللَّهِ bendungan riam kanan jebol, rantau tenggelam"]
    dilihat.clear()
    ix.cari("𝐁𝐄𝐍𝐃𝐔𝐍𝐆𝐀𝐍 riam kanan jebol, rantau tenggelam", 3)
    assert dilihat == ["bendungan riam kanan jebol rantau tenggelam"]


@pytest.mark.parametrize(
    ("kata", "kerangka"),
    [("pendaftaran", "pndftrn"), ("tolong", "tlg"), ("bantuan", "bntn"), ("orang", "org"), ("pndftrn", "pndftrn")],
)
def test_a_words_skeleton_is_how_chat_writes_it_without_vowels(kata, kerangka):
    assert pencocok.kerangka(kata) == kerangka


def _indeks_kata(*teks):
    ix = pencocok.Indeks()
    ix.bangun(enumerate(teks))
    return ix


def test_a_vowel_less_spelling_no_dictionary_lists_is_read_as_the_one_word_it_fits():
    ix = _indeks_kata("Pendaftaran bantuan lewat tautan", "Pendaftaran bantuan ditutup", "Warga beredar")
    assert "pndftrn" not in ix.kamus.dikenal and "bntn" not in ix.kamus.dikenal
    assert ix._dari_kerangka("pndftrn") == "pendaftaran"  # the index's word, in two verdicts
    assert ix._dari_kerangka("bntn") == "bantuan"
    assert ix._dari_kerangka("brdr") == "beredar"  # the dictionaries' stopword: dropped from the words, not from
    assert ix._tanpa_singkatan(["pndftrn", "brdr", "tautan"]) == ["pendaftaran", "tautan"]  # what the model reads
    assert ix._tanpa_singkatan(["pndftrn", "brdr"], buang_henti=False) == ["pendaftaran", "beredar"]
    assert ix._dari_kerangka("krn") is None  # listed in singkatan.tsv: normalise() has replaced it already
    assert ix._dari_kerangka("xqzt") is None  # nothing has that skeleton


def test_a_spelling_that_dropped_some_vowels_is_read_as_the_longer_word_it_fits():
    ix = _indeks_kata("Pembangunan jembatan mangkrak", "Pembangunan jalan desa", "Bantuan tunai", "Bantuan beras")
    assert "pmbngunan" not in ix.kamus.dikenal and "bintan" not in ix.kamus.dikenal
    assert ix._baca_kerangka("pmbngunan") == "pembangunan"  # "pmbgn", the skeleton of both
    assert ix._tanpa_singkatan(["pmbngunan", "jembatan"]) == ["pembangunan", "jembatan"]
    assert ix._kueri("pmbngunan jmbtn mangkrak")[1][0] == "pembangunan"
    # a word is read only as a longer one that holds its letters in order: the island Bintan has the skeleton of
    # "bantuan" ("bntn") and stays as it is; so does a word the index or the dictionaries know
    assert pencocok.kerangka("bintan") == pencocok.kerangka("bantuan")
    assert ix._baca_kerangka("bintan") is None
    assert ix._baca_kerangka("pembangunan") is None


def test_a_banjar_spelling_of_an_indonesian_word_is_read_as_that_word():
    # Banjar says Indonesian e and o as a and u: "maninggal" is "meninggal", "kacalakaan" is "kecelakaan"
    ix = _indeks_kata("Artis meninggal dunia akibat kecelakaan", "Kecelakaan maut di tol", "Ulama meninggal dunia")
    assert "maninggal" not in ix.kamus.dikenal and "kacalakaan" not in ix.kamus.dikenal
    assert ix._baca_kerangka("maninggal") == "meninggal"
    assert ix._baca_kerangka("kacalakaan") == "kecelakaan"
    assert ix._kueri("Sule maninggal dunia, kacalakaan jar")[1][:3] == ["sule", "meninggal", "dunia"]
    # other vowels than those are another word ("maninggil" is not "meninggal")
    assert ix._baca_kerangka("maninggil") is None


def test_a_skeleton_is_not_read_when_more_than_one_word_may_be_meant():
    # three letters say too little ("mbl": mobil or membeli)
    assert _indeks_kata("Hadiah mobil undian", "Hadiah mobil gratis")._dari_kerangka("mbl") is None
    # two index words equally frequent; an index word in one verdict only
    ix = _indeks_kata("Harga pupuk turun", "Harga pepaya turun", "Harga pupuk naik", "Harga pepaya naik", "Jembatan putus")
    assert ix._dari_kerangka("ppk") is None and ix._dari_kerangka("jmbtn") is None
    ix.tambah(6, "Jembatan desa rusak")
    assert ix._dari_kerangka("jmbtn") == "jembatan"
    ix.hapus(6)
    assert ix._dari_kerangka("jmbtn") is None  # a verdict taken out no longer counts
    # an index word beside a dictionary word with the same skeleton ("brdr": the stopword "beredar", or "biradar")
    assert _indeks_kata("biradar", "biradar")._dari_kerangka("brdr") is None


def test_a_message_in_vowel_less_chat_spelling_finds_its_claim():
    ix = Indeks()
    bangun(ix, [*VERDICT.items(), (9, "Pendaftaran bantuan beasiswa lewat tautan\nDaftar beasiswa lewat tautan ini")])
    teks = "pndftrn bntn sosial 3jt utk smua kk, dftr lwt link ini!!"
    assert ix._kueri(teks)[1][:2] == ["pendaftaran", "bantuan"]
    assert ix.cari(teks, 1)[0].id == 3
    # the sentence model reads the words the skeleton stands for
    assert ix._teks_makna("pndftrn bntn skrg") == "pendaftaran bantuan sekarang"
    assert ix._berat_kata("pndftrn") > 0 and ix._berat_kata("PNDFTRN") == 0
    # an acronym, written in capitals, is never read by its skeleton ("BNTN" is not "bantuan")
    assert ix._kueri("Info BNTN dari PMT")[1] == ["info", "bntn", "pmt"]
    assert ix._kueri("Info bntn")[1] == ["info", "bantuan"]


CELOTEH = (
    "Assalamualaikum bapak ibu, panen padi kemarin lumayan walau tikus banyak. Semalam ronda sampai subuh, "
    "mengantuk sekali. Arisan bulan depan di rumah Bu Yati, bawa piring masing-masing. Jalan ke sawah becek "
    "karena hujan dari pagi. "
)


def test_a_claim_buried_in_chatter_keeps_its_local_coverage(indeks):
    # the chatter lowers the share of the whole message the claim covers, not that of the claim's own stretch
    singkat = _fitur_untuk(indeks, "Air PDAM Rantau tercemar bangkai, jangan diminum!!", 2)
    terkubur = _fitur_untuk(indeks, CELOTEH + "Oh iya, air PDAM Rantau tercemar bangkai, jangan diminum!!", 2)
    assert terkubur["cakup_kueri"] < 0.5 * singkat["cakup_kueri"]
    # a window of KATA_LOKAL words also holds a word or two of the chatter around the claim
    assert terkubur["cakup_lokal"] > 0.6 and terkubur["cakup_lokal"] > 2 * terkubur["cakup_kueri"]
    assert singkat["cakup_lokal"] > 0.9
    assert 0.0 <= terkubur["cakup_lokal"] <= 1.0


def test_local_coverage_is_low_when_the_claims_words_are_scattered(indeks):
    # the same words, in another order: the claim's words together, or one in each part of the chatter
    bagian = CELOTEH.split(". ")
    rapat = _fitur_untuk(indeks, ". ".join(bagian) + " Air PDAM tercemar bangkai.", 2)
    tersebar = _fitur_untuk(
        indeks, f"{bagian[0]} air. {bagian[1]} PDAM. {bagian[2]} tercemar. {'. '.join(bagian[3:])} bangkai.", 2
    )
    assert tersebar["cakup_kueri"] == pytest.approx(rapat["cakup_kueri"])
    assert tersebar["cakup_lokal"] < 0.7 * rapat["cakup_lokal"]


def test_claim_line_coverage_is_read_apart_from_the_circulating_text(indeks):
    # the message repeats the circulating text of verdict 4 ("bikin mandul"), and only some of its claim line's words
    f = _fitur_untuk(indeks, "Orang tua jangan bawa anak ke posyandu, vaksin campak bikin mandul.", 4)
    assert f["cakup_judul"] > 0.95
    assert f["cakup_baris"] < 0.9 * f["cakup_judul"]
    g = _fitur_untuk(indeks, "Vaksin campak di posyandu menyebabkan kemandulan", 4)
    assert g["cakup_baris"] > 0.9
