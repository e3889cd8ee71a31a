from django import forms
from django.utils.translation import gettext_lazy as _

from diskusi import aturan, komentar_publik
from diskusi.models import ISI_MAKS, Sikap


class KomentarForm(forms.Form):
    """ "Tinggalkan Balasan": name required, email optional and never published, the comment."""

    nama = forms.CharField(label=_("Nama"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("Opsional. Tidak pernah dipublikasikan; hanya untuk mengabari Anda bila ada balasan."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    isi = forms.CharField(label=_("Komentar"), max_length=ISI_MAKS, widget=forms.Textarea(attrs={"rows": 6}))
    kabari = forms.BooleanField(label=_("Kabari saya lewat email bila ada yang membalas komentar ini"), required=False)
    # Offered only on pages that ask for a stance, and only for a top-level comment.
    sikap = forms.ChoiceField(
        label=_("Sikap Anda"),
        choices=[("", _("Tidak memilih")), *Sikap.choices],
        required=False,
        help_text=_(
            "Opsional: mendukung, netral, atau keberatan terhadap yang dibahas di halaman ini. Jumlah tiap sikap ditampilkan."
        ),
    )
    balas = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    tanda = forms.CharField(widget=forms.HiddenInput, max_length=200)
    # Left empty by people (hidden by the stylesheet); bots fill every field.
    situs_web = forms.CharField(
        label=_("Jangan isi kolom ini"), required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args, objek=None, balas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.objek = objek
        self.induk = None
        if objek is not None and not self.is_bound:
            self.initial.update(tanda=komentar_publik.buat_tanda(objek), balas=balas.pk if balas else None)
        self.fields["isi"].widget.attrs["maxlength"] = ISI_MAKS
        if not self.is_bound and (balas is not None or not komentar_publik.minta_sikap(objek)):
            del self.fields["sikap"]

    def clean_nama(self):
        nama = self.cleaned_data["nama"]
        if aturan.tautan(nama) or "://" in nama:
            raise forms.ValidationError(_("Nama tidak boleh berisi tautan."))
        return nama

    def clean_tanda(self):
        tanda = self.cleaned_data["tanda"]
        self.objek = komentar_publik.baca_tanda(tanda)
        if self.objek is None:
            # A form left open too long: keep its object so the page can offer a fresh form with the text kept.
            self.objek = komentar_publik.baca_tanda(tanda, abaikan_umur=True)
            self.add_error(None, _("Formulir ini sudah kedaluwarsa. Periksa tulisan Anda, lalu kirim lagi."))
        return tanda

    def clean(self):
        data = super().clean()
        if data.get("kabari") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Isi email Anda bila ingin dikabari saat ada balasan."))
        if self.objek is not None and data.get("balas"):
            self.induk = komentar_publik.induk_balasan(self.objek, data["balas"])
            if self.induk is None:
                self.add_error(None, _("Komentar yang Anda balas tidak ditemukan atau sudah tidak ditampilkan."))
        return data


class ModerasiForm(forms.Form):
    """The moderator's choice for one comment; the choices are the `Komentar` methods of the same names."""

    AKSI = [("setujui", _("Setujui")), ("tolak", _("Tolak")), ("sembunyikan", _("Sembunyikan"))]

    aksi = forms.ChoiceField(choices=AKSI)
    # Required to reject or hide: that rule is `Komentar`'s own (tolak, sembunyikan).
    alasan = forms.CharField(label=_("Alasan"), max_length=200, required=False)
