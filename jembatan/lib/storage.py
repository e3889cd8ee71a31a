"""Uploads in an S3-compatible bucket (S3_BUCKET), so several app servers share them.

The bucket stays private: nothing links to it. Addresses stay under MEDIA_URL as with local files, so
public photos go through `jembatan.lib.media.serve_public` (or a web server in front of it) and private
files only through the views that check access (`serve_private`), which read them from the bucket.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaS3Storage(S3Storage):  # type: ignore[misc]
    def url(self, name: str, parameters: Any = None, expire: Any = None, http_method: Any = None) -> str:
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"
