import re

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jembatan.lib.pagecache import generation
from jembatan.lib.phone import normalise_mobile
from potensi.cari import cari
from potensi.models import KOLOM_POTENSI, SEPANJANG_TAHUN, JenisPotensi, Potensi, di_desa, di_luar_kabupaten
from wilayah.models import Level, Wilayah, kabupaten_aktif

MAKS_DESKRIPSI = 10_000
PILIHAN_BULAN = [(str(m), MONTHS[m]) for m in range(1, 13)]
_NIB = re.compile(r"^\d{13}$")
_PIRT = re.compile(r"^(\d{13})-?(\d{2})$")
_HALAL = re.compile(r"^(ID\d{17}|\d{14})$")
_PEMISAH = re.compile(r"[\s.]")
_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")
_DESIMAL = re.compile(r"^\d+\.\d{1,2}$")
# The item form's location fieldset, in this order: the map follows the two coordinates.
ISIAN_LOKASI = ("lat", "lng", "yakin_lokasi", "lokasi_publik")


def baca_harga(teks: str) -> int | None:
    """Rupiah as OpenSID prints it or as typed: "Rp 25.000", "Rp. 25.000,00", "25000", "25.000" → 25000; ""
    → None. Raises ValueError for anything else, negative amounts included."""
    t = re.sub(r"^rp\.?", "", teks.strip().lower()).strip().replace(" ", "").replace("\u00a0", "")
    if not t:
        return None
    if "," in t:
        bulat, _koma, sen = t.partition(",")
        if not sen.isdigit():
            raise ValueError(teks)
        t = bulat
    if _RIBUAN.match(t):
        return int(t.replace(".", ""))
    if _DESIMAL.match(t):
        return round(float(t))
    if t.isascii() and t.isdigit():
        return int(t)
    raise ValueError(teks)


class RupiahField(forms.IntegerField):
    """A price typed as people write rupiah ("25000", "25.000", "Rp25.000", "Rp 25.000,00"), read by `baca_harga`:
    a plain integer field would take "25.000" for twenty-five rupiah, and a number input refuses "Rp"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    default_error_messages = {"invalid": _("Tulis harga dalam rupiah, mis. 25000 atau Rp25.000.")}

    def to_python(self, value):
        teks = str(value or "").strip()
        if teks.startswith("-"):
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value", params={"limit_value": 0})
        try:
            return baca_harga(teks)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class PotensiForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    harga_min = RupiahField(
        label=_("Harga terendah (Rp)"), required=False, min_value=0, error_messages={"min_value": _("Harga tidak boleh negatif.")}
    )
    harga_max = RupiahField(
        label=_("Harga tertinggi (Rp)"),
        required=False,
        min_value=0,
        error_messages={"min_value": _("Harga tidak boleh negatif.")},
    )
    bulan_tersedia = forms.MultipleChoiceField(
        label=_("Bulan tersedia"),
        choices=PILIHAN_BULAN,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Musim panen atau bulan buka. Kosongkan dan centang “Sepanjang tahun” bila selalu ada."),
    )
    # Typed with spaces, dots or a "P-IRT No." prefix; stored tidy (see the clean_ methods).
    nib = forms.CharField(label=_("NIB"), required=False, max_length=30, help_text=_("Nomor Induk Berusaha, 13 angka."))
    nomor_pirt = forms.CharField(
        label=_("Nomor P-IRT"), required=False, max_length=40, help_text=_("15 angka, mis. 2063505010123-27.")
    )
    nomor_halal = forms.CharField(
        label=_("Nomor sertifikat halal"),
        required=False,
        max_length=40,
        help_text=_("BPJPH: ID diikuti 17 angka; MUI lama: 14 angka."),
    )
    sepanjang_tahun = forms.BooleanField(label=_("Sepanjang tahun"), required=False)
    lat = forms.FloatField(label=_("Lintang (latitude)"), required=False, help_text=_("mis. -2.9871; kosong: titik tengah desa."))
    lng = forms.FloatField(label=_("Bujur (longitude)"), required=False, help_text=_("mis. 115.0654."))
    yakin_lokasi = forms.BooleanField(label=_("Titik ini sudah benar walau di luar desa yang dipilih"), required=False)
    wa_produsen = forms.CharField(
        label=_("Nomor WhatsApp produsen"),
        required=False,
        max_length=25,
        help_text=_("Tidak pernah ditampilkan sebagai teks; hanya dipakai di tombol “Chat di WhatsApp”."),
    )
    wa_setuju = forms.BooleanField(
        label=_("Produsen setuju nomornya dipakai untuk tombol WhatsApp"),
        required=False,
        help_text=_("Tanpa persetujuan, tombol mengarah ke kontak publik KIM. Persetujuan dicatat atas nama Anda, hari ini."),
    )
    alasan_perubahan = forms.CharField(
        label=_("Alasan perubahan"),
        required=False,
        max_length=300,
        help_text=_("Wajib bila potensi sudah terbit; dicatat di jejak audit."),
    )

    class Meta:
        model = Potensi
        fields = [f for f in KOLOM_POTENSI if f != "bulan"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, wilayah_qs, oleh, **kwargs):
        super().__init__(*args, **kwargs)
        self.oleh = oleh
        self.fields["jenis"].queryset = JenisPotensi.objects.all()
        self.fields["wilayah"].queryset = wilayah_qs.select_related("parent").order_by("parent__nama", "nama")
        self.fields["wilayah"].label_from_instance = lambda w: f"{w.nama_lengkap}, {w.parent.nama_lengkap}"
        self.fields["deskripsi"].max_length = MAKS_DESKRIPSI
        if not self.instance.is_terbit:
            del self.fields["alasan_perubahan"]
        if not self.is_bound:
            p = self.instance
            self.fields["versi"].initial = p.versi if p.pk else 0
            self.fields["sepanjang_tahun"].initial = p.bulan == SEPANJANG_TAHUN
            if p.bulan != SEPANJANG_TAHUN:
                self.fields["bulan_tersedia"].initial = [str(m) for m in range(1, 13) if p.bulan & (1 << (m - 1))]
            self.fields["wa_setuju"].initial = bool(p.wa_setuju_pada)
            self.initial["wa_produsen"] = f"0{p.wa_produsen[2:]}" if p.wa_produsen else ""
        # Asked for only once the point turned out to lie outside the chosen village.
        if not (self.is_bound and self.data.get(self.add_prefix("yakin_lokasi"))):
            self.fields["yakin_lokasi"].widget = forms.HiddenInput()

    def kelompok_isian(self) -> tuple[list, list, list]:
        """The visible fields as the form lays them out: those before the location, the location's (one fieldset
        with the village map right after the coordinates it fills), and the rest."""
        terlihat = self.visible_fields()
        awal = next(i for i, f in enumerate(terlihat) if f.name == "lat")
        return (
            [f for f in terlihat[:awal] if f.name not in ISIAN_LOKASI],
            [f for f in terlihat if f.name in ISIAN_LOKASI],
            [f for f in terlihat[awal:] if f.name not in ISIAN_LOKASI],
        )

    def clean_deskripsi(self):
        teks = self.cleaned_data["deskripsi"]
        if len(teks) > MAKS_DESKRIPSI:
            raise forms.ValidationError(_("Deskripsi terlalu panjang (paling banyak %(n)s karakter).") % {"n": "10.000"})
        return teks

    def clean_nib(self):
        nib = _PEMISAH.sub("", self.cleaned_data["nib"])
        if nib and not _NIB.match(nib):
            raise forms.ValidationError(_("NIB terdiri atas 13 angka."))
        return nib

    def clean_nomor_pirt(self):
        teks = re.sub(r"^P-?IRT\s*(NO\.?)?\s*", "", _PEMISAH.sub("", self.cleaned_data["nomor_pirt"]).upper())
        if not teks:
            return ""
        m = _PIRT.match(teks)
        if not m:
            raise forms.ValidationError(_("Nomor P-IRT terdiri atas 15 angka, mis. 2063505010123-27."))
        return f"{m[1]}-{m[2]}"

    def clean_nomor_halal(self):
        teks = _PEMISAH.sub("", self.cleaned_data["nomor_halal"]).upper().replace("-", "")
        if teks and not _HALAL.match(teks):
            raise forms.ValidationError(_("Nomor sertifikat halal: ID diikuti 17 angka (BPJPH), atau 14 angka (MUI)."))
        return teks

    def clean_wa_produsen(self):
        teks = self.cleaned_data["wa_produsen"].strip()
        if not teks:
            return ""
        nomor = normalise_mobile(teks)
        if nomor is None:
            raise forms.ValidationError(_("Ini bukan nomor seluler Indonesia (mis. 0812 3456 7890 atau +62 812 3456 7890)."))
        return nomor

    def clean(self):
        d = super().clean()
        lo, hi = d.get("harga_min"), d.get("harga_max")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("harga_max", _("Harga tertinggi lebih kecil dari harga terendah."))
        self._clean_bulan(d)
        self._clean_lokasi(d)
        if d.get("wa_setuju") and not d.get("wa_produsen"):
            self.add_error("wa_produsen", _("Isi nomor WhatsApp produsen yang menyetujui."))
        return d

    def _clean_bulan(self, d) -> None:
        if d.get("sepanjang_tahun") and d.get("bulan_tersedia"):
            # Both ticked: which one was meant cannot be told, and dropping the months without a word would
            # lose what was typed.
            self.add_error("bulan_tersedia", _("Pilih bulan tertentu atau centang “Sepanjang tahun”, tidak keduanya."))
        elif d.get("sepanjang_tahun"):
            self.instance.bulan = SEPANJANG_TAHUN
        elif d.get("bulan_tersedia"):
            self.instance.bulan = sum(1 << (int(m) - 1) for m in d["bulan_tersedia"])
        else:
            self.add_error("bulan_tersedia", _("Pilih bulan tersedia, atau centang “Sepanjang tahun”."))

    def _clean_lokasi(self, d) -> None:
        lat, lng, desa = d.get("lat"), d.get("lng"), d.get("wilayah")
        if "lat" in self.errors or "lng" in self.errors:
            return  # a coordinate that is not a number has its own message already
        if (lat is None) != (lng is None):
            self.add_error("lat", _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
            return
        if lat is None or lng is None or desa is None:
            return
        if di_luar_kabupaten(lat, lng):
            self.add_error("lat", _("Titik ini di luar %(kab)s.") % {"kab": kabupaten_aktif().nama})
            return
        if not d.get("yakin_lokasi") and not di_desa(desa, lat, lng):
            self.fields["yakin_lokasi"].widget = forms.CheckboxInput()
            self.add_error(
                "lat",
                _("Titik ini tampaknya di luar %(desa)s. Periksa lagi, atau centang “Titik ini sudah benar” lalu simpan.")
                % {"desa": desa.nama_lengkap},
            )

    def _post_clean(self):
        super()._post_clean()
        d = self.cleaned_data
        p = self.instance
        if d.get("wa_setuju") and d.get("wa_produsen"):
            if not p.wa_setuju_pada or p.wa_produsen != getattr(self, "_wa_lama", p.wa_produsen):
                p.wa_setuju_pada, p.wa_setuju_dicatat_oleh = timezone.localdate(), self.oleh
        else:
            p.wa_setuju_pada, p.wa_setuju_dicatat_oleh = None, None

    def full_clean(self):
        self._wa_lama = self.instance.wa_produsen  # consent is for a number: a new number asks again
        super().full_clean()


class PilihanRingan(forms.Select):
    """A select written out in Python, as Django's template would write it, instead of one template render per
    option: the catalogue's filter lists every village of the regency (135 in Tapin) on every uncached page."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        opsi = "".join(
            f'  <option value="{escape(o["value"])}"{flatatt(o["attrs"])}>{escape(o["label"])}</option>\n\n'
            for _grup, pilihan, _i in widget["optgroups"]
            for o in pilihan
        )
        return mark_safe(f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>\n{opsi}</select>')  # escaped above


Pilihan = list[tuple[str, str]]
# The filter's kecamatan and village options per (page-cache generation, regency, chosen kecamatan, language): the
# regency's 147 places built as model instances and options on every catalogue page otherwise.
_PILIHAN: dict[tuple[int, str, str, str], tuple[Pilihan, Pilihan]] = {}


def _pilihan_wilayah(form: "SaringForm", kec: str | None) -> tuple[Pilihan, Pilihan]:
    kunci = (generation(), settings.JEMBATAN_KABUPATEN, kec or "", get_language())
    if kunci not in _PILIHAN:
        if len(_PILIHAN) > 256:  # old generations, or addresses with made-up kecamatan codes
            _PILIHAN.clear()
        _PILIHAN[kunci] = tuple(  # type: ignore[assignment]
            [(str(v), str(label)) for v, label in form.fields[nama].choices]  # type: ignore[attr-defined]
            for nama in ("kecamatan", "desa")
        )
    return _PILIHAN[kunci]


class SaringForm(forms.Form):
    """The catalogue's filters; every field optional, an unknown value is simply ignored."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    jenis = forms.ModelChoiceField(
        label=_("Jenis"), queryset=JenisPotensi.objects.all(), to_field_name="slug", required=False, empty_label=_("Semua jenis")
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Wilayah.objects.none(), required=False, empty_label=_("Semua"), widget=PilihanRingan
    )
    desa = forms.ModelChoiceField(
        label=_("Desa/kelurahan"), queryset=Wilayah.objects.none(), required=False, empty_label=_("Semua"), widget=PilihanRingan
    )
    bulan_ini = forms.BooleanField(label=_("Tersedia bulan ini"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without the outlines: the lists need names, and every village's outline is tens of kilobytes per page.
        kab = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, berlaku=True).defer(
            "peta_svg", "peta_batas", "peta_viewbox"
        )
        self.fields["kecamatan"].queryset = kab.filter(level=Level.KECAMATAN).order_by("nama")
        desa = kab.filter(level=Level.DESA).order_by("nama")
        kec = self.data.get("kecamatan") if self.is_bound else None
        self.fields["desa"].queryset = desa.filter(parent_id=kec) if kec else desa
        self.fields["kecamatan"].label_from_instance = lambda w: w.nama
        self.fields["desa"].label_from_instance = lambda w: w.nama
        # The lists shown are read once per process and page-cache generation; a chosen value is still checked
        # against the querysets above.
        for nama, pilihan in zip(("kecamatan", "desa"), _pilihan_wilayah(self, kec), strict=True):
            self.fields[nama].widget.choices = pilihan

    def saring(self, qs):
        if not self.is_valid():
            # Keep what can be read: a stale village in the address must not empty the whole catalogue.
            self.cleaned_data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        d = self.cleaned_data
        if d.get("q"):
            qs = cari(qs, d["q"])  # ranked best first: the search's order replaces the catalogue's
        if d.get("jenis"):
            qs = qs.filter(jenis=d["jenis"])
        if d.get("kecamatan"):
            qs = qs.filter(wilayah__parent=d["kecamatan"])
        if d.get("desa"):
            qs = qs.filter(wilayah=d["desa"])
        if d.get("bulan_ini"):
            qs = qs.tersedia_pada(timezone.localdate().month)
        return qs


class LangkahForm(forms.Form):
    """A step button (submit, approve, return, confirm): the version of the item the user saw, and a reason
    when returning."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    alasan = forms.CharField(
        label=_("Alasan dikembalikan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila dikembalikan; penulis akan melihatnya."),
    )
