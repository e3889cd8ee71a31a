from django import forms
from django.utils.translation import gettext_lazy as _

from warta.models import DAFTAR_PERIKSA, KOLOM_BERITA, Berita

MAKS_ISI = 30_000  # characters: an article, not a book


class BeritaForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    alasan_perubahan = forms.CharField(
        label=_("Alasan perubahan"),
        required=False,
        max_length=300,
        help_text=_("Wajib bila berita sudah terbit; ditampilkan sebagai catatan “diperbarui”."),
    )

    class Meta:
        model = Berita
        fields = KOLOM_BERITA
        widgets = {"isi": forms.Textarea(attrs={"rows": 14}), "ringkasan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, wilayah_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = wilayah_qs.select_related("parent").order_by("kode")
        self.fields["wilayah"].label_from_instance = lambda w: f"{w.nama_lengkap} ({w.kode})"
        self.fields["isi"].max_length = MAKS_ISI
        if not self.instance.is_terbit:
            del self.fields["alasan_perubahan"]
        if not self.is_bound:
            self.fields["versi"].initial = self.instance.versi if self.instance.pk else 0

    def clean_isi(self):
        isi = self.cleaned_data["isi"]
        if len(isi) > MAKS_ISI:
            raise forms.ValidationError(
                _("Berita terlalu panjang (paling banyak %(n)s karakter).") % {"n": f"{MAKS_ISI:,}".replace(",", ".")}
            )
        return isi


class AjukanForm(forms.Form):
    """The "submit for review" button: the version of the item the writer saw."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PeriksaForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    alasan = forms.CharField(
        label=_("Alasan dikembalikan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila dikembalikan; penulis akan melihatnya."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in DAFTAR_PERIKSA.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)


class RalatForm(forms.Form):
    isi = forms.CharField(label=_("Isi ralat"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
