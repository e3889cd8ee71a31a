from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jembatan.lib.domain import VersionedModelForm
from jembatan.lib.phone import normalise_mobile
from jembatan.lib.uploads import PDF, clean_upload
from suarawarga.akses import desa_untuk_pencatat
from suarawarga.models import (
    ISI_MAKS,
    KOLOM_PROGRAM,
    Aspirasi,
    Bidang,
    Pemilih,
    Program,
    SumberDana,
    TahapProgram,
    TopikAspirasi,
    Tujuan,
    rapikan_kode,
)
from wilayah.models import Level, Wilayah


def pilihan_desa(qs=None) -> list:
    """The regency's villages grouped by kecamatan, for a select that works without JavaScript."""
    qs = qs if qs is not None else Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA)
    grup: dict[str, list] = {}
    for w in qs.filter(berlaku=True).select_related("parent").order_by("parent__nama", "nama"):
        grup.setdefault(w.parent.nama_lengkap if w.parent else "", []).append((w.kode, w.nama_lengkap))
    return [("", _("— pilih desa/kelurahan —")), *grup.items()]


class KirimAspirasiForm(forms.Form):
    topik = forms.ChoiceField(label=_("Topik"), choices=[("", _("— pilih topik —")), *TopikAspirasi.choices])
    isi = forms.CharField(
        label=_("Aspirasi atau keluhan Anda"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=ISI_MAKS,
        help_text=_("Apa yang terjadi, di mana (RT/dusun), sejak kapan, dan apa harapan Anda."),
        error_messages={
            "required": _("Tuliskan aspirasi Anda."),
            "max_length": _("Aspirasi terlalu panjang (paling banyak %(limit_value)d karakter; sekarang %(show_value)d)."),
        },
    )
    wilayah = forms.ChoiceField(
        label=_("Desa/kelurahan"), error_messages={"invalid_choice": _("Pilih desa atau kelurahan dari daftar.")}
    )
    lokasi = forms.CharField(
        label=_("Lokasi (tidak wajib)"), required=False, max_length=150, help_text=_("RT/RW, dusun, atau patokan terdekat.")
    )
    volume = forms.CharField(label=_("Volume (bila tahu)"), required=False, max_length=100, help_text=_("mis. 300 m, 2 unit."))
    perkiraan_biaya = forms.IntegerField(
        label=_("Perkiraan biaya dalam Rupiah (bila tahu)"),
        required=False,
        min_value=0,
        max_value=10**13,
        error_messages={"min_value": _("Biaya tidak boleh negatif."), "invalid": _("Tulis angka saja, mis. 25000000.")},
    )
    foto = forms.ImageField(
        label=_("Foto (tidak wajib)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("JPEG atau PNG. Lokasi dan data kamera dihapus otomatis."),
        error_messages={"invalid_image": _("Berkas ini bukan foto JPEG atau PNG yang dapat dibuka.")},
    )
    nama = forms.CharField(
        label=_("Nama (tidak wajib)"), required=False, max_length=100, help_text=_("Tidak pernah ditampilkan.")
    )
    telepon = forms.CharField(
        label=_("Nomor HP (tidak wajib)"), required=False, max_length=25, help_text=_("Tidak pernah ditampilkan.")
    )
    email = forms.EmailField(
        label=_("Email (tidak wajib)"),
        required=False,
        help_text=_("Untuk kabar setiap langkah aspirasi Anda. Tidak pernah ditampilkan."),
        error_messages={"invalid": _("Alamat email ini tidak lengkap, mis. nama@contoh.id.")},
    )
    boleh_publik = forms.BooleanField(
        label=_("Aspirasi ini boleh ditampilkan di halaman publik (tanpa nama dan kontak)"), required=False
    )
    atas_nama_warga = forms.BooleanField(label=_("Saya mencatat aspirasi ini untuk warga yang saya temui"), required=False)
    persetujuan_warga = forms.BooleanField(
        label=_("Warga tersebut setuju aspirasinya dikirim melalui saya"),
        required=False,
        help_text=_("Persetujuan dicatat atas nama Anda."),
    )

    def __init__(self, *args, pencatat=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pencatat = pencatat
        self.fields["wilayah"].choices = pilihan_desa()
        if pencatat is None:
            del self.fields["atas_nama_warga"]
            del self.fields["persetujuan_warga"]

    def clean_isi(self):
        isi = self.cleaned_data["isi"].strip()
        if len(isi) < 15:
            raise forms.ValidationError(
                _("Aspirasi terlalu singkat; ceritakan sedikit lebih lengkap (paling sedikit 15 karakter).")
            )
        return isi

    def clean_wilayah(self):
        kode = self.cleaned_data["wilayah"]
        wilayah = Wilayah.objects.filter(
            kode=kode, kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA, berlaku=True
        ).first()
        if wilayah is None:
            raise forms.ValidationError(_("Pilih desa atau kelurahan dari daftar."))
        return wilayah

    def clean_telepon(self):
        teks = self.cleaned_data["telepon"].strip()
        if not teks:
            return ""
        nomor = normalise_mobile(teks)
        if nomor is None:
            raise forms.ValidationError(_("Nomor HP tidak dikenali; tulis seperti 0812 3456 7890."))
        return nomor

    def clean(self):
        d = super().clean()
        if d.get("atas_nama_warga"):
            wilayah = d.get("wilayah")
            if wilayah is not None and not desa_untuk_pencatat(self.pencatat).filter(pk=wilayah.pk).exists():
                self.add_error("wilayah", _("Anda hanya dapat mencatat aspirasi warga dari desa dalam cakupan Anda."))
        return d


class LacakForm(forms.Form):
    kode = forms.CharField(label=_("Kode pelacakan"), max_length=20, help_text=_("mis. ASP-7KQ2-M9XD"))

    def clean_kode(self):
        kode = rapikan_kode(self.cleaned_data["kode"])
        if not kode or not Aspirasi.objects.filter(kode=kode).exists():
            raise forms.ValidationError(_("Kode ini tidak ditemukan. Periksa lagi huruf dan angkanya."))
        return kode


class LangkahForm(forms.Form):
    """What a handler writes for one step; the step's model method decides which fields it needs."""

    catatan = forms.CharField(label=_("Catatan untuk pengirim"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tujuan = forms.ChoiceField(label=_("Teruskan ke"), choices=[("", "—"), *Tujuan.choices], required=False)
    nama_tujuan = forms.CharField(
        label=_("Nama perangkat daerah"), required=False, max_length=150, help_text=_("Bila ke OPD, mis. Dinas PUPR.")
    )
    nomor_lapor = forms.CharField(
        label=_("Nomor pelacakan LAPOR!"), required=False, max_length=30, help_text=_("Bila ke SP4N-LAPOR!, mis. 4512873.")
    )
    alasan = forms.CharField(label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    induk = forms.CharField(
        label=_("Kode aspirasi serupa"),
        required=False,
        max_length=20,
        help_text=_("Aspirasi yang masih berjalan dari desa yang sama."),
    )


class TanggapanForm(forms.Form):
    puas = forms.TypedChoiceField(
        label=_("Apakah tindak lanjut ini sudah menyelesaikan aspirasi Anda?"),
        choices=[("1", _("Ya, sudah selesai")), ("0", _("Belum"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih salah satu jawaban.")},
    )
    catatan = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=ISI_MAKS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wajib bila belum selesai: apa yang masih perlu ditindaklanjuti."),
    )


class ProgramForm(VersionedModelForm):
    field_order = ["nama", "deskripsi", "wilayah", "desa_lain"]

    class Meta:
        model = Program
        fields = KOLOM_PROGRAM
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 8}),
            "dokumen": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    desa_lain = forms.ModelMultipleChoiceField(
        label=_("Desa lain yang juga dicakup"),
        queryset=Wilayah.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hanya untuk program desa yang dikerjakan di beberapa desa. Tahan Ctrl untuk memilih lebih dari satu."),
    )

    def __init__(self, *args, wilayah_qs, desa_qs, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            tercakup = self.instance.desa.all()
            desa_qs = desa_qs | Wilayah.objects.filter(pk__in=tercakup.values("pk"))
            self.fields["desa_lain"].initial = [w.pk for w in tercakup if w.pk != self.instance.wilayah_id]
        self.fields["desa_lain"].queryset = desa_qs.select_related("parent").order_by("parent__nama", "nama")
        self.fields["desa_lain"].label_from_instance = lambda w: f"{w.nama_lengkap}, {w.parent.nama_lengkap}"
        self.fields["desa_lain"].error_messages["invalid_choice"] = _("Pilih desa dari daftar (di kecamatan Anda).")
        self.fields["wilayah"].queryset = wilayah_qs.select_related("parent").order_by("level", "parent__nama", "nama")
        self.fields["wilayah"].label_from_instance = lambda w: (
            f"{w.nama_lengkap}, {w.parent.nama_lengkap}" if w.level == Level.DESA and w.parent else str(w.nama_lengkap)
        )
        self.fields["wilayah"].error_messages["invalid_choice"] = _("Pilih wilayah dari daftar (dalam cakupan Anda).")
        self.fields["anggaran"].min_value = 0
        self.fields["tahun"].min_value, self.fields["tahun"].max_value = 2000, 2100
        self.fields["dokumen"].help_text = _("PDF, mis. halaman APBDes atau RKPDes tempat program ini tercantum.")

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if not 2000 <= tahun <= 2100:
            raise forms.ValidationError(_("Tahun anggaran empat angka, mis. 2026."))
        return tahun

    def clean_dokumen(self):
        f = self.cleaned_data.get("dokumen")
        if f and f is not getattr(self.instance, "dokumen", None) and hasattr(f, "content_type"):
            return clean_upload(f, frozenset({PDF}))
        return f


class TahapForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    tahap = forms.ChoiceField(label=_("Tahap baru"), choices=TahapProgram.choices)
    alasan = forms.CharField(
        label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Wajib bila ditunda atau batal.")
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahap"].choices = [(t, TahapProgram(t).label) for t in program.tahap_berikut]
        self.fields["tahap"].error_messages["invalid_choice"] = _("Tahap ini tidak dapat dipilih dari tahap program sekarang.")


class ProgresForm(forms.Form):
    persen = forms.IntegerField(label=_("Kemajuan (%)"), min_value=0, max_value=100)
    # A date input reads only ISO dates: the localized "30-11-2026" would leave it empty (and required).
    tanggal = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    catatan = forms.CharField(label=_("Yang sudah dikerjakan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
    foto = forms.ImageField(
        label=_("Foto (tidak wajib)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        error_messages={"invalid_image": _("Berkas ini bukan foto JPEG atau PNG yang dapat dibuka.")},
    )


class SaringProgramForm(forms.Form):
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    desa = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    bidang = forms.ChoiceField(label=_("Bidang"), required=False, choices=[("", _("Semua")), *Bidang.choices])
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    sumber = forms.ChoiceField(label=_("Sumber dana"), required=False, choices=[("", _("Semua")), *SumberDana.choices])
    tahap = forms.ChoiceField(label=_("Tahap"), required=False, choices=[("", _("Semua")), *TahapProgram.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kab = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, berlaku=True)
        self.fields["kecamatan"].choices = [("", _("Semua"))] + [
            (w.kode, w.nama) for w in kab.filter(level=Level.KECAMATAN).order_by("nama")
        ]
        self.fields["desa"].choices = [("", _("Semua")), *pilihan_desa()[1:]]
        tahun = Program.objects.order_by("-tahun").values_list("tahun", flat=True).distinct()
        self.fields["tahun"].choices = [("", _("Semua"))] + [(t, t) for t in tahun]

    def saring(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["desa"]:
            qs = qs.mencakup_desa(Wilayah(kode=d["desa"]))
        elif d["kecamatan"]:
            qs = qs.di_kecamatan(d["kecamatan"])
        for kolom, nilai in (("bidang", d["bidang"]), ("tahun", d["tahun"]), ("sumber_dana", d["sumber"]), ("tahap", d["tahap"])):
            if nilai:
                qs = qs.filter(**{kolom: nilai})
        return qs


class JajakForm(forms.Form):
    pertanyaan = forms.CharField(label=_("Pertanyaan"), max_length=300)
    keterangan = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    opsi = forms.CharField(
        label=_("Pilihan jawaban"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Satu pilihan per baris, 2 sampai 10 pilihan."),
    )
    wilayah = forms.ModelChoiceField(label=_("Wilayah"), queryset=Wilayah.objects.none())
    ganda = forms.BooleanField(label=_("Boleh memilih lebih dari satu"), required=False)
    maks_pilihan = forms.IntegerField(label=_("Paling banyak dipilih"), required=False, min_value=2, max_value=10)
    buka_pada = forms.DateTimeField(
        label=_("Dibuka"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    tutup_pada = forms.DateTimeField(
        label=_("Ditutup"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    pemilih = forms.ChoiceField(
        label=_("Yang boleh memilih"), choices=Pemilih.choices, widget=forms.RadioSelect, initial=Pemilih.SEMUA
    )
    hasil_sebelum_tutup = forms.BooleanField(label=_("Hasil tampil sebelum ditutup"), required=False, initial=True)

    def __init__(self, *args, wilayah_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = wilayah_qs.order_by("level", "nama")
        self.fields["wilayah"].label_from_instance = lambda w: str(w.nama_lengkap)
        self.fields["wilayah"].error_messages["invalid_choice"] = _("Pilih wilayah dari daftar (dalam cakupan Anda).")

    def clean_opsi(self):
        return [baris for baris in self.cleaned_data["opsi"].splitlines() if baris.strip()]


class PilihSatu(forms.RadioSelect):
    """Radio buttons for a field that takes a list (one answer, or several with checkboxes, the same field)."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class PilihForm(forms.Form):
    opsi = forms.TypedMultipleChoiceField(
        label=_("Jawaban Anda"), coerce=int, error_messages={"required": _("Pilih salah satu jawaban.")}
    )

    def __init__(self, *args, jajak, **kwargs):
        super().__init__(*args, **kwargs)
        terbuka = [(o.pk, o.teks) for o in jajak.opsi.all() if not o.ditutup]
        self.fields["opsi"].choices = terbuka
        self.fields["opsi"].widget = forms.CheckboxSelectMultiple(choices=terbuka) if jajak.ganda else PilihSatu(choices=terbuka)
        self.fields["opsi"].error_messages["invalid_choice"] = _("Pilihan ini sudah ditutup atau tidak ada; muat ulang halaman.")
        if jajak.ganda:
            self.fields["opsi"].help_text = _("Paling banyak %(n)s pilihan.") % {"n": jajak.maks_pilihan}
