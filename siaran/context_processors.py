from akun.models import Peran
from kim.akses import kim_pengguna


def darurat(request):
    """Unread darurat siaran for the top of every page of a KIM's pengurus or member.

    Only a callable goes into the context: base.html calls it inside its logged-in branch, so an
    anonymous page does no work at all and stays cacheable; a logged-in page pays one query."""

    def siaran_darurat():
        user = request.user
        if not user.is_authenticated or user.peran not in (Peran.PENGURUS, Peran.ANGGOTA):
            return []
        from siaran.models import Penerimaan, Prioritas, StatusPenerimaan

        return list(
            Penerimaan.objects.filter(
                kim__in=kim_pengguna(user), status=StatusPenerimaan.BELUM, siaran__prioritas=Prioritas.DARURAT
            )
            .select_related("siaran")
            .only("siaran__judul", "siaran__dikirim_pada")
            .order_by("-siaran__dikirim_pada")[:3]
        )

    return {"siaran_darurat": siaran_darurat}
