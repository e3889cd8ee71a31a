"""Enqueue the audio versions that are missing or no longer match their text: every siaran, every published
verdict and every maklumat pelayanan. For a server where espeak-ng was installed after content was written,
or after the speech settings changed; the background worker makes them."""

from django.core.management.base import BaseCommand, CommandError

from cekfakta.models import Klaim
from cekfakta.tasks import buat_audio_putusan
from jembatan.lib import speech
from ppid.maklumat import buat_audio_maklumat
from ppid.models import Maklumat
from siaran.models import Siaran
from siaran.tasks import buat_audio_siaran


class Command(BaseCommand):
    help = "Antrekan versi audio yang belum ada atau sudah tidak sesuai teksnya (siaran, putusan cek fakta, maklumat PPID)."

    def handle(self, *args, **options):
        if not speech.enabled():
            raise CommandError(speech.status_message())
        jumlah = {}
        for nama, rows, tugas in (
            ("siaran", Siaran.objects.all(), buat_audio_siaran),
            ("putusan", Klaim.objects.terbit(), buat_audio_putusan),
            ("maklumat", Maklumat.objects.select_related("wilayah"), buat_audio_maklumat),
        ):
            jumlah[nama] = 0
            for obj in rows.iterator():
                if not obj.audio_terkini:
                    tugas.enqueue(obj.pk)
                    jumlah[nama] += 1
        self.stdout.write(", ".join(f"{n} {nama}" for nama, n in jumlah.items()) + " diantrekan.")
