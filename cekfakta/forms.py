from typing import Any, cast

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cekfakta.models import ISIAN_PUTUSAN, Hasil, Klaim, Referensi
from jembatan.lib.forms import https_url
from wilayah.models import Level, Wilayah


class CekForm(forms.Form):
    teks = forms.CharField(
        label=_("Pesan yang ingin diperiksa"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": _("Tempelkan pesan yang Anda terima di sini…")}),
        help_text=_("Salin seluruh pesan dari WhatsApp, Telegram atau media sosial."),
    )
    gambar = forms.ImageField(
        label=_("Tangkapan layar (opsional)"),
        required=False,
        help_text=_("JPEG atau PNG. Bisa dikirim tanpa teks; gambar hanya dilihat tim verifikator."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    tautan = forms.URLField(label=_("Tautan (bila ada)"), required=False, assume_scheme="https", max_length=500)
    desa = forms.ModelChoiceField(
        label=_("Desa/kelurahan Anda (opsional)"),
        required=False,
        queryset=Wilayah.objects.none(),
        help_text=_("Membantu Diskominfo melihat di mana hoaks beredar. Tidak ditampilkan bersama nama Anda."),
    )
    email = forms.EmailField(
        label=_("Email (opsional)"),
        required=False,
        help_text=_("Hanya untuk memberi tahu Anda bila hasil pemeriksaan terbit. Tidak pernah dipublikasikan."),
    )
    # Left empty by people; bots fill every field.
    situs_web = forms.CharField(
        label=_("Jangan isi kolom ini"), required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teks"].max_length = settings.JEMBATAN_CEKFAKTA_MAKS_KARAKTER
        self.fields["desa"].queryset = (
            Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA, berlaku=True)
            .select_related("parent")
            .order_by("parent__nama", "nama")
        )
        self.fields["desa"].label_from_instance = lambda w: f"{w.parent.nama} — {w.nama_lengkap}"

    def clean(self):
        data = super().clean()
        if not (data.get("teks") or "").strip() and not data.get("gambar") and "teks" not in self.errors:
            self.add_error("teks", _("Tempelkan teks pesannya, atau lampirkan tangkapan layarnya."))
        return data


class KlaimForm(forms.ModelForm):
    """The verdict as the desk edits it, with the version it was opened at (see `Klaim.ubah_putusan`)."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Klaim
        fields = ISIAN_PUTUSAN
        widgets = {
            "judul": forms.Textarea(attrs={"rows": 2}),
            "penjelasan": forms.Textarea(attrs={"rows": 6}),
            "metode": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "hasil": _("“Salah” memerlukan salah satu dari tujuh jenis Mafindo."),
            "metode": _("Mis. menelusuri sumber asli, menghubungi instansi terkait, pencarian gambar terbalik."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["versi"].initial = self.instance.versi

    def clean(self):
        data = super().clean()
        if data.get("hasil") == Hasil.SALAH and not data.get("jenis_salah"):
            self.add_error("jenis_salah", _("Pilih jenisnya untuk hasil “Salah”."))
        return data

    def isian(self) -> dict[str, Any]:
        """The verdict's fields as entered, for `Klaim.ubah_putusan`."""
        return {name: self.cleaned_data[name] for name in ISIAN_PUTUSAN}


class ReferensiForm(forms.ModelForm):
    class Meta:
        model = Referensi
        fields = ["judul", "url"]
        formfield_callback = https_url


class BaseReferensiFormSet(forms.BaseFormSet):
    """Every reference of a verdict, as one list: what is posted replaces what is stored."""

    def isian(self) -> list[tuple[str, str]]:
        """(judul, url) of each reference in order, without the removed and the empty rows."""
        return [
            (f.cleaned_data["judul"], f.cleaned_data["url"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


# The stubs type formset_factory's result as the base BaseFormSet, not the `formset` class passed in.
ReferensiFormSet = cast(
    "type[BaseReferensiFormSet]", formset_factory(ReferensiForm, formset=BaseReferensiFormSet, extra=2, can_delete=True)
)


def referensi_formset(klaim: Klaim, data: QueryDict | None = None) -> BaseReferensiFormSet:
    """The references form of `klaim`: showing those it has, or reading every row posted. (Posted rows are
    not compared with the stored ones, which would drop a row left unchanged as if it were empty.)"""
    if data is not None:
        return ReferensiFormSet(data, prefix="referensi")
    return ReferensiFormSet(prefix="referensi", initial=[{"judul": r.judul, "url": r.url} for r in klaim.referensi.all()])


class GabungForm(forms.Form):
    tujuan = forms.IntegerField(label=_("Gabungkan ke klaim nomor"), min_value=1)


class TutupBukanKlaimForm(forms.Form):
    """The claims ticked on the queue page (`klaim`, repeated), each with the version the page showed it at
    (`versi-<id>`), for `KlaimQuerySet.tutup_bukan_klaim`."""

    MAKS = 200  # more than a page of the queue holds

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        ids = self.data.getlist("klaim") if hasattr(self.data, "getlist") else []
        if not ids:
            raise forms.ValidationError(_("Pilih dulu klaim yang akan ditutup."))
        if len(ids) > self.MAKS:
            raise forms.ValidationError(_("Terlalu banyak klaim sekaligus; tutup per halaman antrean."))
        versi: dict[int, int] = {}
        try:
            for pk in map(int, ids):
                if not 0 < pk < 2**31:  # not an id any claim can have (and too large for the database's integer)
                    raise ValueError(pk)
                versi[pk] = int(self.data[f"versi-{pk}"])
        except (KeyError, ValueError):
            raise forms.ValidationError(_("Pilihan tidak terbaca. Muat ulang halaman antrean lalu ulangi.")) from None
        self._versi = versi
        return data

    def versi(self) -> dict[int, int]:
        """{claim id: version seen} of the ticked claims (after `is_valid()`)."""
        return self._versi
