from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", include("wilayah.urls")),
    path("", include("cekfakta.urls")),
    path("", include("kim.urls")),
    path("akun/", include("akun.urls")),
    path("api/", include("api.urls")),
    path("tentang/", TemplateView.as_view(template_name="tentang.html"), name="tentang"),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
