from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jembatan.lib.domain import VersionedModelForm
from jembatan.lib.forms import https_url
from jembatan.lib.uploads import JPEG, PNG, clean_upload, pesan_gambar_tidak_terbuka
from kim.models import KOLOM_PENGURUS, KOLOM_PROFIL, Kim, Pengurus, Tahap, TargetCakupan


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class KimForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Kim
        formfield_callback = https_url
        fields = KOLOM_PROFIL
        widgets = {
            "tanggal_berdiri": DateInput(),
            "tanggal_sk": DateInput(),
            "profil": forms.Textarea(attrs={"rows": 5}),
            "berkas_sk": forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
            "berkas_adart": forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        }

    def __init__(self, *args, boleh_kimid: bool = False, upload_terlalu_besar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_terlalu_besar = upload_terlalu_besar
        # Pillow refuses a picture past twice the pixel limit as it opens it: say that it may be too large.
        self.fields["logo"].error_messages["invalid_image"] = pesan_gambar_tidak_terbuka()
        if not self.is_bound:
            self.fields["versi"].initial = self.instance.versi if self.instance.pk else 0
        if not boleh_kimid:  # both are Diskominfo's decisions
            self.fields["nomor_kimid"].disabled = True
            self.fields["nomor_kimid"].help_text = _("Diisi Diskominfo saat KIM didaftarkan.")
            self.fields["boleh_terbit_sendiri"].disabled = True

    def clean(self):
        data = super().clean()
        if self.upload_terlalu_besar:
            from django.conf import settings

            raise forms.ValidationError(
                _("Berkas yang diunggah terlalu besar (maksimal %(mb)s MB) dan tidak disimpan. Data lain juga belum disimpan.")
                % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB}
            )
        return data

    def clean_berkas_sk(self):
        return self._bersih("berkas_sk")

    def clean_logo(self):
        return self._bersih("logo", {JPEG, PNG})

    def clean_berkas_adart(self):
        return self._bersih("berkas_adart")

    def _bersih(self, name, jenis=None):
        """A new upload is checked and written anew by the server (see jembatan.lib.uploads.clean_upload)."""
        f = self.cleaned_data.get(name)
        if isinstance(f, UploadedFile):  # a new upload, not the file already stored
            return clean_upload(f, jenis) if jenis else clean_upload(f)
        return f


class TahapForm(forms.Form):
    ke = forms.ChoiceField(label=_("Pindahkan ke tahap"))
    tanggal = forms.DateField(label=_("Tanggal"), widget=DateInput())
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila mundur ke tahap sebelumnya (koreksi)."),
    )
    nomor_sk = forms.CharField(
        label=_("Nomor SK"), required=False, max_length=100, help_text=_("Wajib untuk tahap SK terbit bila belum tercatat.")
    )
    tanggal_sk = forms.DateField(label=_("Tanggal SK"), required=False, widget=DateInput())
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke"].choices = [(t, Tahap(t).label) for t in Tahap.values if t in pilihan]
        self.fields["tanggal"].initial = timezone.localdate()

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
        return tanggal

    def clean_tanggal_sk(self):
        tanggal = self.cleaned_data.get("tanggal_sk")
        if tanggal and tanggal > timezone.localdate():
            raise forms.ValidationError(_("Tanggal SK tidak boleh di masa depan."))
        return tanggal


class PengurusForm(VersionedModelForm):
    class Meta:
        model = Pengurus
        fields = KOLOM_PENGURUS
        widgets = {"mulai": DateInput(), "selesai": DateInput()}
        help_texts = {"nik": _("Opsional. Tidak pernah ditampilkan di halaman publik.")}


class SelesaiForm(forms.Form):
    selesai = forms.DateField(label=_("Tanggal selesai menjabat"), widget=DateInput())
    alasan = forms.CharField(
        label=_("Alasan"), max_length=255, help_text=_("Mis. mengundurkan diri, pindah domisili, masa jabatan habis.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selesai"].initial = timezone.localdate()


class TargetForm(VersionedModelForm):
    class Meta:
        model = TargetCakupan
        fields = ["tahun", "jumlah_desa", "catatan"]

    def __init__(self, *args, jumlah_wilayah: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.jumlah_wilayah = jumlah_wilayah
        self.fields["jumlah_desa"].help_text = _("Dari %(n)s desa/kelurahan.") % {"n": jumlah_wilayah}

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if not 2000 <= tahun <= timezone.localdate().year + 5:
            raise forms.ValidationError(_("Tahun tidak masuk akal."))
        return tahun

    def clean_jumlah_desa(self):
        n = self.cleaned_data["jumlah_desa"]
        if n > self.jumlah_wilayah:
            raise forms.ValidationError(_("Target melebihi jumlah desa/kelurahan (%(n)s).") % {"n": self.jumlah_wilayah})
        return n


class DirektoriForm(forms.Form):
    q = forms.CharField(label=_("Cari nama KIM atau desa"), required=False, max_length=100)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    tahap = forms.ChoiceField(label=_("Tahap"), required=False)

    def __init__(self, *args, kecamatan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].choices = [("", _("Semua kecamatan")), *kecamatan]
        self.fields["tahap"].choices = [("", _("Semua tahap")), *[(t.value, t.label) for t in Tahap if t != Tahap.BELUM_ADA]]
