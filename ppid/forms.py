from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jembatan.lib.domain import VersionedModelForm
from jembatan.lib.forms import BanyakBerkasField, https_url
from jembatan.lib.phone import normalise_mobile
from jembatan.lib.uploads import clean_upload
from ppid.models import (
    MAKS_LAMPIRAN,
    AlasanKeberatan,
    AlasanPengecualian,
    CaraSalinan,
    Informasi,
    Keputusan,
    KeputusanAtasan,
    LaporanPembantu,
    LaporanTahunan,
    Permohonan,
    PpidPembantu,
    TahapSengketa,
    hari_ini,
    nama_ppid,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _tanggal(label) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=hari_ini)


def _bersihkan(f):
    """The upload written anew by the server (PDF re-written, photo without metadata), or the reason it is refused."""
    try:
        return clean_upload(f)
    except forms.ValidationError as e:
        raise forms.ValidationError(f"{f.name}: {e.messages[0]}") from e


def _terlalu_besar() -> str:
    return str(_("Berkas terlalu besar (maksimal %(mb)s MB) dan tidak disimpan.") % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB})


class PermohonanForm(forms.ModelForm):
    """The public request form (the identity the law asks for, what is asked, and how to receive it)."""

    dibantu = forms.BooleanField(label=_("Saya anggota KIM dan mengisikan permohonan ini untuk warga"), required=False)
    # Left empty by people; filled by bots that fill every field.
    situs_web = forms.CharField(required=False, label=_("Jangan diisi"), widget=forms.TextInput(attrs={"autocomplete": "off"}))

    class Meta:
        model = Permohonan
        fields = [
            "nama",
            "nomor_identitas",
            "alamat",
            "telepon",
            "email",
            "pekerjaan",
            "rincian",
            "tujuan",
            "cara_memperoleh",
            "cara_salinan",
        ]
        widgets = {
            "alamat": forms.Textarea(attrs={"rows": 2}),
            "rincian": forms.Textarea(attrs={"rows": 4}),
            "tujuan": forms.Textarea(attrs={"rows": 2}),
            "cara_memperoleh": forms.RadioSelect,
            "cara_salinan": forms.RadioSelect,
            "telepon": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "nama": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "alamat": _("Isi paling sedikit satu: alamat, nomor telepon atau e-mail, agar jawaban dapat disampaikan."),
            "rincian": _("Sebutkan sejelas mungkin: nama dokumen, kegiatan, tahun."),
        }

    def __init__(self, *args, boleh_bantu: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not boleh_bantu:
            del self.fields["dibantu"]
        kabupaten = self.instance.wilayah_id == settings.JEMBATAN_KABUPATEN
        self._pembantu = {str(u.pk): u for u in PpidPembantu.objects.menerima()} if kabupaten else {}
        if self._pembantu:
            self.fields["ditujukan"] = _pilihan_ditujukan(nama_ppid(self.instance.wilayah), self._pembantu.values())
            self.order_fields(["ditujukan"])
        self.fields["cara_salinan"].required = False
        # A radio list without the model's blank choice: "to see it" needs no way of sending a copy.
        cast(forms.ChoiceField, self.fields["cara_salinan"]).choices = CaraSalinan.choices

    def clean_ditujukan(self) -> PpidPembantu | None:
        return self._pembantu.get(self.cleaned_data["ditujukan"])

    def clean_telepon(self) -> str:
        teks = self.cleaned_data["telepon"].strip()
        if not teks:
            return ""
        nomor = normalise_mobile(teks)
        if nomor is None and len("".join(c for c in teks if c.isdigit())) < 6:
            raise forms.ValidationError(_("Nomor telepon tidak dikenali. Contoh: 0812 3456 7890."))
        return nomor or teks

    def clean_nomor_identitas(self) -> str:
        teks = " ".join(self.cleaned_data["nomor_identitas"].split())
        if len(teks) < 6:
            raise forms.ValidationError(_("Nomor identitas terlalu pendek. NIK terdiri dari 16 angka."))
        return teks

    def clean(self):
        d = super().clean()
        if not any((d.get(f) or "").strip() for f in ("alamat", "telepon", "email")) and not self.has_error("telepon"):
            self.add_error("alamat", _("Isi alamat, nomor telepon atau e-mail agar jawaban PPID dapat disampaikan kepada Anda."))
        return d


def _pilihan_ditujukan(utama: str, unit) -> forms.ChoiceField:
    """The regency's form only: PPID Utama (the default) or one of its active PPID Pembantu, each with what it
    holds; a unit that is unknown or no longer active is refused with a message, the rest of the input kept."""
    pilihan = [("", str(_("%(utama)s (bila tidak yakin)") % {"utama": utama}))]
    pilihan += [(str(u.pk), f"{u.nama_ppid} — {u.keterangan}" if u.keterangan else u.nama_ppid) for u in unit]
    return forms.ChoiceField(
        label=_("Ditujukan kepada"),
        choices=pilihan,
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_("Pilih PPID Pembantu bila Anda tahu perangkat daerah mana yang menguasai informasinya."),
        error_messages={
            "invalid_choice": _(
                "PPID Pembantu yang dipilih tidak dikenal atau tidak lagi menerima permohonan. Pilih salah satu dari daftar."
            )
        },
    )


class PermohonanLangsungForm(PermohonanForm):
    """A request the PPID received in person or on paper, entered with the day it was received."""

    diterima = _tanggal(_("Tanggal diterima"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, boleh_bantu=False, **kwargs)
        del self.fields["situs_web"]
        self.fields.pop("ditujukan", None)  # PPID Utama forwards a request received on paper from its page


class TeruskanForm(forms.Form):
    pembantu = forms.ModelChoiceField(
        label=_("PPID Pembantu"),
        queryset=PpidPembantu.objects.none(),
        required=False,
        empty_label=_("— dijawab PPID Utama sendiri —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["pembantu"]).queryset = PpidPembantu.objects.aktif()


class PerpanjangForm(forms.Form):
    hari = forms.IntegerField(
        label=_("Diperpanjang (hari kerja)"), min_value=1, initial=7, help_text=_("Paling lama 7 hari kerja.")
    )
    alasan = forms.CharField(label=_("Alasan perpanjangan"), widget=forms.Textarea(attrs={"rows": 3}))
    tanggal = _tanggal(_("Tanggal pemberitahuan perpanjangan"))


class JawabForm(forms.Form):
    keputusan = forms.ChoiceField(label=_("Keputusan"), choices=Keputusan.choices, widget=forms.RadioSelect)
    isi = forms.CharField(
        label=_("Isi pemberitahuan tertulis"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Informasi yang diberikan, atau cara dan waktu mengambilnya; atau alasan penolakan."),
    )
    alasan_pengecualian = forms.ChoiceField(
        label=_("Dasar pengecualian (Pasal 17)"),
        choices=[("", _("— tidak ada —")), *AlasanPengecualian.choices],
        required=False,
        help_text=_("Wajib bila permohonan ditolak atau dikabulkan sebagian."),
    )
    uji_konsekuensi = forms.CharField(
        label=_("Uji konsekuensi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kerugian bila informasi dibuka, dan mengapa menutupnya lebih melindungi kepentingan umum (Pasal 19)."),
    )
    penguasa_informasi = forms.CharField(
        label=_("Badan publik yang menguasai informasi"),
        required=False,
        max_length=200,
        help_text=_("Wajib bila informasi tidak dikuasai."),
    )
    tautan_informasi = forms.URLField(label=_("Tautan ke informasi"), required=False, max_length=500, assume_scheme="https")
    biaya = forms.IntegerField(label=_("Biaya penggandaan (Rp)"), min_value=0, initial=0, help_text=_("0 bila gratis."))
    penandatangan = forms.CharField(label=_("Nama PPID penanda tangan"), max_length=150)
    tanggal = _tanggal(_("Tanggal pemberitahuan"))
    lampiran = BanyakBerkasField(
        label=_("Berkas informasi"),
        required=False,
        help_text=_(
            "PDF, JPEG atau PNG, paling banyak %(n)s berkas, bila informasi dikabulkan. Hanya pemohon (lewat kode "
            "pelacakannya) dan PPID yang dapat membukanya."
        )
        % {"n": MAKS_LAMPIRAN},
    )

    def __init__(self, *args, upload_terlalu_besar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_terlalu_besar = upload_terlalu_besar

    def clean_lampiran(self):
        berkas = self.cleaned_data["lampiran"]
        if self.upload_terlalu_besar:
            raise forms.ValidationError(_terlalu_besar())
        if len(berkas) > MAKS_LAMPIRAN:
            raise forms.ValidationError(_("Paling banyak %(n)s lampiran.") % {"n": MAKS_LAMPIRAN})
        return [_bersihkan(f) for f in berkas]


class KeberatanForm(forms.Form):
    alasan = forms.ChoiceField(
        label=_("Alasan keberatan (Pasal 35 ayat 1)"), choices=AlasanKeberatan.choices, widget=forms.RadioSelect
    )
    uraian = forms.CharField(label=_("Uraian keberatan"), widget=forms.Textarea(attrs={"rows": 4}))


class TanggapanForm(forms.Form):
    keputusan = forms.ChoiceField(label=_("Keputusan atasan PPID"), choices=KeputusanAtasan.choices, widget=forms.RadioSelect)
    tanggapan = forms.CharField(label=_("Tanggapan tertulis"), widget=forms.Textarea(attrs={"rows": 5}))
    nama_atasan = forms.CharField(label=_("Nama atasan PPID"), max_length=150)
    jabatan_atasan = forms.CharField(label=_("Jabatan atasan PPID"), max_length=150, initial=_("Kepala Desa"))
    tanggal = _tanggal(_("Tanggal tanggapan"))


class SengketaForm(forms.Form):
    nomor = forms.CharField(label=_("Nomor register sengketa"), max_length=80)
    tanggal = _tanggal(_("Tanggal didaftarkan di Komisi Informasi"))
    tahap = forms.ChoiceField(label=_("Tahap"), choices=TahapSengketa.choices)
    hasil = forms.CharField(label=_("Hasil mediasi/putusan ajudikasi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tanggapan_pemohon = forms.CharField(label=_("Tanggapan pemohon"), required=False, max_length=200)


class InformasiForm(VersionedModelForm):
    class Meta:
        model = Informasi
        formfield_callback = https_url
        fields = [
            "kategori",
            "judul",
            "ringkasan",
            "penanggung_jawab",
            "bentuk",
            "retensi",
            "tanggal",
            "tautan",
            "berkas",
            "alasan_pengecualian",
            "konsekuensi",
            "kepentingan_umum",
            "diputuskan_oleh",
            "tanggal_uji",
            "dikecualikan_sampai",
        ]
        widgets = {
            "ringkasan": forms.Textarea(attrs={"rows": 3}),
            "konsekuensi": forms.Textarea(attrs={"rows": 3}),
            "kepentingan_umum": forms.Textarea(attrs={"rows": 3}),
            "tanggal": DateInput(),
            "tanggal_uji": DateInput(),
            "dikecualikan_sampai": DateInput(),
        }
        help_texts = {
            "alasan_pengecualian": _("Bagian ini (sampai “dikecualikan sampai”) wajib untuk informasi yang dikecualikan."),
        }

    def __init__(self, *args, upload_terlalu_besar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_terlalu_besar = upload_terlalu_besar
        self.fields["berkas"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"

    def clean_berkas(self):
        f = self.cleaned_data.get("berkas")
        if self.upload_terlalu_besar:
            raise forms.ValidationError(_terlalu_besar())
        if not f or getattr(f, "_committed", False):  # none, or the file already stored
            return f
        return _bersihkan(f)


class LaporanForm(VersionedModelForm):
    class Meta:
        model = LaporanTahunan
        fields = ["kebijakan", "pelaksanaan", "kendala", "rekomendasi"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}


class LaporanPembantuForm(VersionedModelForm):
    class Meta:
        model = LaporanPembantu
        fields = ["kebijakan", "pelaksanaan", "kendala", "rekomendasi"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}
