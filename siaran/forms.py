import uuid
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jembatan.lib.forms import BanyakBerkasField
from jembatan.lib.uploads import clean_upload
from siaran.models import MAKS_LAMPIRAN, SASARAN_KOSONG, JenisSasaran, Prioritas, Tempat, kim_sasaran
from wilayah.models import Wilayah

MAKS_ISI = 20_000  # characters: an announcement, not a report


class SiaranForm(forms.Form):
    kunci = forms.UUIDField(widget=forms.HiddenInput)
    judul = forms.CharField(label=_("Judul"), max_length=200)
    isi = forms.CharField(
        label=_("Isi siaran"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAKS_ISI,
        help_text=_("Paragraf dipisah baris kosong. **tebal**, *miring*, daftar dengan tanda -, tautan [teks](https://…)."),
    )
    prioritas = forms.ChoiceField(
        label=_("Prioritas"),
        choices=Prioritas.choices,
        initial=Prioritas.BIASA,
        widget=forms.RadioSelect,
        help_text=_("Siaran darurat tampil di atas setiap halaman pengurus KIM sampai ditandai diterima."),
    )
    cakupan = forms.ChoiceField(
        label=_("Sasaran"), choices=JenisSasaran.choices, initial=JenisSasaran.SEMUA, widget=forms.RadioSelect
    )
    kecamatan = forms.MultipleChoiceField(label=_("Kecamatan"), required=False, widget=forms.CheckboxSelectMultiple)
    desa = forms.MultipleChoiceField(label=_("Desa/kelurahan"), required=False, widget=forms.CheckboxSelectMultiple)
    lampiran = BanyakBerkasField(
        label=_("Lampiran"),
        required=False,
        help_text=_("PDF, JPEG atau PNG, paling banyak %(n)s berkas. Lokasi dan data kamera pada foto dihapus otomatis.")
        % {"n": MAKS_LAMPIRAN},
    )

    def __init__(self, *args, upload_terlalu_besar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_terlalu_besar = upload_terlalu_besar
        wilayah = Wilayah.objects.di_kabupaten(settings.JEMBATAN_KABUPATEN).berlaku().order_by("kode")
        kecamatan = list(wilayah.kecamatan())
        # self.fields holds copies of the declared fields, typed as plain Field by the stubs.
        cast(forms.ChoiceField, self.fields["kecamatan"]).choices = [(w.kode, w.nama) for w in kecamatan]
        per_kec: dict[str, list] = {w.kode: [] for w in kecamatan}
        for d in wilayah.desa():
            per_kec.setdefault(d.parent_id, []).append((d.kode, d.nama_lengkap))
        nama = {w.kode: str(w.nama_lengkap) for w in kecamatan}
        cast(forms.ChoiceField, self.fields["desa"]).choices = [(nama.get(k, k), desa) for k, desa in per_kec.items() if desa]
        if not self.is_bound:
            self.fields["kunci"].initial = uuid.uuid4()

    def clean_lampiran(self):
        berkas = self.cleaned_data["lampiran"]
        if len(berkas) > MAKS_LAMPIRAN:
            raise forms.ValidationError(_("Paling banyak %(n)s lampiran.") % {"n": MAKS_LAMPIRAN})
        bersih = []
        for f in berkas:  # each checked, then written anew by the server (PDFs re-written, photos without metadata)
            try:
                bersih.append(clean_upload(f))
            except forms.ValidationError as e:
                raise forms.ValidationError(f"{f.name}: {e.messages[0]}")
        return bersih

    def clean(self):
        data = super().clean()
        if self.upload_terlalu_besar:
            raise forms.ValidationError(
                _("Lampiran terlalu besar (maksimal %(mb)s MB) dan tidak disimpan. Siaran belum dikirim.")
                % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB}
            )
        cakupan = data.get("cakupan")
        kode = data.get(cakupan, []) if cakupan in (JenisSasaran.KECAMATAN, JenisSasaran.DESA) else []
        if cakupan == JenisSasaran.KECAMATAN and not kode:
            self.add_error("kecamatan", _("Pilih sedikitnya satu kecamatan."))
        elif cakupan == JenisSasaran.DESA and not kode:
            self.add_error("desa", _("Pilih sedikitnya satu desa/kelurahan."))
        elif cakupan and not kim_sasaran(cakupan, kode).exists():
            raise forms.ValidationError(SASARAN_KOSONG, code="sasaran_kosong")
        data["wilayah"] = list(Wilayah.objects.filter(kode__in=kode))
        return data


class TeruskanForm(forms.Form):
    tempat = forms.MultipleChoiceField(label=_("Diteruskan ke"), choices=Tempat.choices, widget=forms.CheckboxSelectMultiple)
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=300,
        help_text=_("Mis. nama grup, masjid atau tanggal rapat. Wajib bila memilih “Lainnya”."),
    )
    # The rules of marking (a note for "Lainnya", nothing new is refused) are Penerimaan.tandai_diteruskan's.
