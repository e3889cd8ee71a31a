from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from akun.models import Peran, User, validasi_cakupan
from jembatan.lib.domain import VersionedModelForm
from wilayah.models import Level, Wilayah


class MasukForm(forms.Form):
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))
    password = forms.CharField(
        label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class _WilayahField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.level == Level.DESA:
            return f"{obj.parent.nama} — {obj.nama_lengkap} ({obj.kode})"
        return f"{obj.nama_lengkap} ({obj.kode})"


def _pilihan_wilayah():
    return (
        Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level__in=[Level.KECAMATAN, Level.DESA], berlaku=True)
        .select_related("parent")
        .order_by("kode")
    )


class _PeranWilayahMixin:
    def clean(self):
        data = super().clean()
        peran = data.get("peran")
        if peran:
            try:
                validasi_cakupan(peran, data.get("wilayah"))
            except forms.ValidationError as e:
                self.add_error(None, e)  # the error names its field: "wilayah"
        return data


class UndanganForm(_PeranWilayahMixin, forms.Form):
    nama = forms.CharField(label=_("Nama"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    peran = forms.ChoiceField(label=_("Peran"), choices=Peran.choices)
    wilayah = _WilayahField(
        label=_("Wilayah cakupan"),
        required=False,
        queryset=Wilayah.objects.none(),
        help_text=_(
            "Kecamatan untuk operator; desa/kelurahan untuk pemerintah desa, pengurus dan anggota; kosong untuk admin dan verifikator."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = _pilihan_wilayah()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Sudah ada akun dengan email ini."))
        return email


class PenggunaForm(VersionedModelForm):
    """Role and scope are checked by User.clean(), which names the wilayah field."""

    wilayah = _WilayahField(label=_("Wilayah cakupan"), required=False, queryset=Wilayah.objects.none())

    class Meta:
        model = User
        fields = ["nama", "peran", "wilayah", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = _pilihan_wilayah()


class TerimaUndanganForm(forms.Form):
    nama = forms.CharField(label=_("Nama lengkap"), max_length=150)
    password1 = forms.CharField(
        label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=self.email, nama=data.get("nama", "")))
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return data
