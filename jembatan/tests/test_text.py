"""The normaliser on what forwarded WhatsApp messages really look like."""

import pytest

from jembatan.lib.text import DATA_DIR, Lexicon, default_lexicon, normalise, read_list, read_tsv, tokens


@pytest.mark.parametrize(
    ("pesan", "hasil"),
    [
        ("yg sdh dtg dgn bpk kades", "yang sudah dtg dengan bapak kades"),
        ("gak, ga, nggak, ngga, tdk, tak", "tidak tidak tidak tidak tidak tidak"),
        ("blm dapet krn org nya gmn", "belum dapat karena orang nya bagaimana"),
        ("kalo udh dr pasar trs jg aja", "kalau sudah dari pasar terus juga saja"),
        ("bgt tp dll pd thn ini hr senin", "banget tapi dan lain lain pada tahun ini hari senin"),
    ],
)
def test_abbreviations_and_slang_become_standard_words(pesan, hasil):
    assert normalise(pesan) == hasil


def test_elongated_letters_are_shortened():
    assert normalise("bangeeet sebentaaar") == "banget sebentar"
    assert normalise("HOOAAAX") == "hoaks"


def test_real_double_letters_stay():
    assert normalise("maaf saat ini sudah taat") == "maaf saat ini sudah taat"


def test_emoji_symbols_and_fancy_unicode_are_removed():
    assert normalise("😱😱 𝐁𝐔𝐊𝐀 ＳＥＫＡＲＡＮＧ ☞ 💵💵 dana!!!") == "buka sekarang dana"


def test_url_becomes_its_domain_or_goes():
    assert normalise("Daftar di https://www.bit.ly/bansos-2024?x=1 skrg") == "daftar di bitly sekarang"
    assert normalise("cek s.id/hadiah") == "cek sid"
    assert normalise("Daftar di https://bit.ly/bansos", url="hapus") == "daftar di"


@pytest.mark.parametrize(
    "pesan",
    [
        "BANTU SEBARKAN!!! Air PDAM tercemar",
        "Forwarded many times\nAir PDAM tercemar",
        "Copas dari grup sebelah: air PDAM tercemar. Viralkan!",
        "info A1 air pdam tercemar, share ke grup lain. Jangan berhenti di kamu",
        "sebarkaaaan!! air PDAM tercemar 🙏🙏",
    ],
)
def test_forwarding_boilerplate_is_dropped(pesan):
    assert tokens(pesan) == ["air", "pdam", "tercemar"]


def test_reduplication_is_reduced_to_one_word():
    assert normalise("ibu2 dan anak-anak serta tentara²") == "ibu dan anak serta tentara"


def test_leetspeak_is_undone_only_where_safe():
    assert normalise("rus4k t3rbukti h0ax") == "rusak terbukti hoaks"
    assert normalise("rekrutmen P3K dan flu H5N1 covid-19 tahun 2024") == "rekrutmen p3k dan flu h5n1 covid tahun 2024"


def test_banjar_words_become_indonesian():
    assert normalise("Pian handak tulak ka pasar kah") == "anda mau pergi ka pasar kah"
    assert normalise("kaya apa banyu di rumah ulun wayah ini, kada kawa lewat") == (
        "bagaimana air di rumah saya sekarang tidak bisa lewat"
    )
    assert normalise("bubuhan kakanakan") == "mereka anak anak"


def test_banjar_words_that_are_also_indonesian_words_are_left_alone():
    assert normalise("lawan politik kaya raya") == "lawan politik kaya raya"


def test_token_drops_stopwords_and_keeps_order():
    assert tokens("Apakah benar yg beredar di grup ini hoax? Tarif listrik naik dua kali lipat") == [
        "benar",
        "grup",
        "tarif",
        "listrik",
        "naik",
        "dua",
        "kali",
        "lipat",
    ]


def test_empty_and_symbol_only_input_give_nothing():
    assert normalise("") == ""
    assert tokens("🙏🙏🙏 !!! ...") == []
    assert tokens("bantu sebarkan") == []


def test_enormous_and_odd_input_does_not_raise():
    teks = "hadiah " * 50_000 + "\x00\ufffd\u200d"
    assert normalise(teks).startswith("hadiah hadiah")


def test_admin_entries_go_on_top_of_the_shipped_dictionary():
    kamus = default_lexicon().dengan({"bsu": "bantuan subsidi upah", "kada": "tidak pernah"}, boilerplate=["dari grup kampung"])
    assert normalise("BSU kada cair, dari grup kampung", kamus) == "bantuan subsidi upah tidak pernah cair"
    assert normalise("BSU kada cair") == "bsu tidak cair"


def test_banjar_words_of_village_life_are_read_in_indonesian():
    assert normalise("Pambakal batakun, kuitan pian hudah bulik lah? Samalam jalan kadap") == (
        "kepala desa bertanya orang tua anda sudah pulang lah kemarin jalan gelap"
    )
    # "KAI" is also the railway company: not read as the Banjar "kai" (kakek)
    assert normalise("Tiket KAI gratis") == "tiket kai gratis"


def test_an_empty_dictionary_still_cleans_text():
    assert normalise("Yg BANGEEET!!", Lexicon()) == "yg banget"


def test_shipped_data_files_are_well_formed():
    for nama in ("singkatan.tsv", "banjar.tsv"):
        for bentuk, baku in read_tsv(DATA_DIR / nama):
            assert bentuk and bentuk == bentuk.lower(), (nama, bentuk)
            assert baku == baku.lower(), (nama, baku)
    assert len(read_list(DATA_DIR / "boilerplate.txt")) >= 20
    assert "yang" in default_lexicon().stopword


def test_storable_drops_nul_and_replaces_lone_surrogates():
    from jembatan.lib.text import storable

    assert storable("a\x00b\ud800c") == "ab\ufffdc"
    assert storable("biasa saja 😀") == "biasa saja 😀"


def test_rupiah_is_written_with_dots_for_thousands():
    from jembatan.lib.text import rupiah

    assert (rupiah(0), rupiah(25_000), rupiah(1_250_000_000)) == ("Rp0", "Rp25.000", "Rp1.250.000.000")
