from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from jembatan.lib.domain import VersionedModelForm
from kim.models import Kim
from penilaian.models import KOLOM_KEGIATAN, JenisKegiatan, Kegiatan

PESAN_NEGATIF = {"min_value": _("Jumlah peserta tidak boleh kurang dari 0.")}


class KegiatanForm(VersionedModelForm):
    """A KIM's activity report. The KIM is asked for only when the user reports for more than one."""

    kim = forms.ModelChoiceField(label=_("KIM"), queryset=Kim.objects.none())
    jumlah_peserta = forms.IntegerField(label=_("Jumlah peserta"), required=False, min_value=0, error_messages=PESAN_NEGATIF)
    peserta_laki = forms.IntegerField(label=_("Peserta laki-laki"), required=False, min_value=0, error_messages=PESAN_NEGATIF)
    peserta_perempuan = forms.IntegerField(
        label=_("Peserta perempuan"), required=False, min_value=0, error_messages=PESAN_NEGATIF
    )
    kim_mitra = forms.ModelMultipleChoiceField(
        label=_("Bersama KIM lain"),
        queryset=Kim.objects.none(),
        required=False,
        help_text=_("KIM lain yang ikut menyelenggarakan atau hadir (forum antar-KIM). Tahan Ctrl untuk memilih beberapa."),
    )

    class Meta:
        model = Kegiatan
        fields = ["kim", *KOLOM_KEGIATAN, "kim_mitra"]
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "uraian": forms.Textarea(attrs={"rows": 5}),
            "daftar_hadir": forms.Textarea(attrs={"rows": 4}),
            "tautan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kim_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].queryset = JenisKegiatan.objects.all()
        self.fields["kim"].queryset = kim_qs.select_related("wilayah").order_by("nama")
        sendiri = self.instance.kim_id
        if self.instance.pk:
            self.fields["kim"].disabled = True
        elif len(pilihan := list(self.fields["kim"].queryset[:2])) == 1:
            # The KIM of a member or pengurus: chosen for them.
            sendiri = self.initial["kim"] = pilihan[0].pk
        mitra = Kim.objects.di_kabupaten(settings.JEMBATAN_KABUPATEN).publik().order_by("nama")
        self.fields["kim_mitra"].queryset = mitra.exclude(pk=sendiri) if sendiri else mitra

    def clean_tautan(self):
        baris = [t.strip() for t in self.cleaned_data["tautan"].splitlines() if t.strip()]
        url = URLValidator(schemes=["http", "https"])
        for t in baris:
            if t.startswith("/") and not t.startswith("//"):
                continue
            try:
                url(t)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(t)s” bukan alamat tautan. Tulis alamat lengkap (https://…) atau alamat di situs ini (/warta/…).")
                    % {"t": t[:80]}
                ) from None
        return "\n".join(baris)

    def clean(self):
        d = super().clean()
        jumlah, laki, perempuan = d.get("jumlah_peserta"), d.get("peserta_laki"), d.get("peserta_perempuan")
        if laki is not None or perempuan is not None:
            rinci = (laki or 0) + (perempuan or 0)
            if jumlah is None:
                self.instance.jumlah_peserta = d["jumlah_peserta"] = rinci
            elif rinci > jumlah:
                self.add_error(
                    "jumlah_peserta",
                    _("Peserta laki-laki dan perempuan (%(r)s) lebih banyak dari jumlah peserta (%(n)s).")
                    % {"r": rinci, "n": jumlah},
                )
        return d


class BulanForm(forms.Form):
    """A month picked on the score pages (?bulan=2026-05); an unreadable value is the default month."""

    bulan = forms.DateField(input_formats=["%Y-%m"], required=False)


class PeriodeForm(forms.Form):
    """The months an evidence bundle covers (?dari=2026-01&sampai=2026-06); by default the twelve months up to
    the last one over. An unreadable or reversed period falls back to the default."""

    dari = forms.DateField(input_formats=["%Y-%m"], required=False)
    sampai = forms.DateField(input_formats=["%Y-%m"], required=False)

    def periode(self, bulan_lalu: date) -> tuple[date, date]:
        awal_bawaan = bulan_lalu.replace(year=bulan_lalu.year - 1)
        awal_bawaan = (awal_bawaan.replace(day=28) + timedelta(days=4)).replace(day=1)
        if not self.is_valid():
            return awal_bawaan, bulan_lalu
        dari = self.cleaned_data["dari"] or awal_bawaan
        sampai = self.cleaned_data["sampai"] or bulan_lalu
        return (dari, sampai) if dari <= sampai else (awal_bawaan, bulan_lalu)
