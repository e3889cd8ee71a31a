from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from beranda.sitemaps import SITEMAPS
from jembatan.lib.media import serve_public

urlpatterns = [
    path("", include("beranda.urls")),
    path("", include("cekfakta.urls")),
    path("", include("warta.urls")),
    path("", include("diskusi.urls")),
    path("", include("siaran.urls")),
    path("", include("potensi.urls")),
    path("", include("ppid.urls")),
    path("", include("suarawarga.urls")),
    path("", include("penilaian.urls")),
    path("", include("kim.urls")),
    path("akun/", include("akun.urls")),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("tentang/", TemplateView.as_view(template_name="tentang.html"), name="tentang"),
    path("django-admin/", admin.site.urls),
]

if settings.JEMBATAN_SERVE_MEDIA:
    # Only media/publik/ (resized, metadata-free photos) is public. SK scans and reported screenshots
    # live elsewhere under MEDIA_ROOT and are served by views that check access. In production the
    # web server serves /media/publik/ itself and this is turned off.
    urlpatterns += [re_path(r"^media/publik/(?P<path>.+)$", serve_public)]
