import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jembatan.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: cached pages for anonymous visitors are answered before Django builds a
# request (jembatan.lib.pagecache.serve_cached_first).
from jembatan.lib.pagecache import serve_cached_first  # noqa: E402

application = serve_cached_first(django_application)
