from django.urls import path, re_path

from ceiba.web.views import (
    accounts,
    dictionary,
    downloads,
    harvest,
    language,
    profile,
    public,
    publish,
    quality,
    search,
    tables,
)
from ceiba.web.views import privacy as privacy_views

app_name = "web"
urlpatterns = [
    path("", public.home, name="home"),
    path("datos/", search.dataset_search_view, name="dataset-search"),
    path("datos/<slug:slug>/", public.dataset_detail, name="dataset-detail"),
    path(
        "datos/<slug:slug>/historial/", public.dataset_history, name="dataset-history"
    ),
    path(
        "datos/<slug:slug>/historial/<int:number>/",
        public.version_detail,
        name="version-detail",
    ),
    path(
        "datos/<slug:slug>/archivos/<uuid:distribution_id>/descargar",
        downloads.distribution_latest,
        name="distribution-latest",
    ),
    path(
        "datos/<slug:slug>/archivos/<uuid:distribution_id>/v<int:number>/<str:filename>",
        downloads.distribution_revision,
        name="distribution-revision",
    ),
    path(
        "datos/<slug:slug>/tablas/<uuid:table_id>/",
        tables.table_detail,
        name="table-detail",
    ),
    re_path(
        r"^datos/(?P<slug>[-a-z0-9]+)/tablas/(?P<table_id>[0-9a-f-]{36})/"
        r"exportar\.(?P<file_format>csv|json|xlsx|parquet)$",
        tables.table_export,
        name="table-export",
    ),
    path("instituciones/", public.institution_list, name="institution-list"),
    path(
        "instituciones/<slug:slug>/",
        public.institution_detail,
        name="institution-detail",
    ),
    path("temas/", public.theme_list, name="theme-list"),
    path("temas/<slug:code>/", public.theme_detail, name="theme-detail"),
    path("lugares/", public.place_list, name="place-list"),
    path("lugares/<slug:slug>/", public.place_detail, name="place-detail"),
    path("idioma/<str:code>/", language.set_language, name="set-language"),
    path("cuenta/entrar/", accounts.LoginView.as_view(), name="login"),
    path("cuenta/salir/", accounts.LogoutView.as_view(), name="logout"),
    path("cuenta/", profile.profile, name="profile"),
    path(
        "cuenta/claves/<int:token_id>/revocar/",
        profile.token_revoke_view,
        name="token-revoke",
    ),
    path("publicar/", publish.publish_home, name="publish-home"),
    path("publicar/nuevo/", publish.dataset_new, name="publish-new"),
    path("publicar/<slug:slug>/", publish.dataset_manage, name="publish-dataset"),
    path("publicar/<slug:slug>/editar/", publish.dataset_edit, name="publish-edit"),
    path(
        "publicar/<slug:slug>/progreso.json",
        publish.ingest_progress,
        name="publish-ingest-progress",
    ),
    path("publicar/<slug:slug>/archivos/", publish.file_add, name="publish-file-add"),
    path(
        "publicar/<slug:slug>/tablas/<uuid:table_id>/diccionario/",
        dictionary.table_dictionary,
        name="publish-table-dictionary",
    ),
    path(
        "publicar/<slug:slug>/tablas/<uuid:table_id>/validacion/",
        dictionary.table_validation,
        name="publish-table-validation",
    ),
    path("publicar/<slug:slug>/enlaces/", publish.link_add, name="publish-link-add"),
    path(
        "publicar/<slug:slug>/archivos/<uuid:distribution_id>/reemplazar/",
        publish.file_replace,
        name="publish-file-replace",
    ),
    path(
        "publicar/<slug:slug>/archivos/<uuid:distribution_id>/quitar/",
        publish.file_remove,
        name="publish-file-remove",
    ),
    re_path(
        r"^publicar/(?P<slug>[-a-z0-9]+)/(?P<action>publicar|despublicar|eliminar|restaurar)/$",
        publish.dataset_state,
        name="publish-state",
    ),
    path("calidad/", quality.quality_dashboard, name="quality-dashboard"),
    path(
        "calidad/ranking.csv", quality.quality_ranking_csv, name="quality-ranking-csv"
    ),
    path(
        "calidad/historial.csv", quality.quality_history_csv, name="quality-history-csv"
    ),
    path(
        "calidad/<slug:slug>/", quality.quality_institution, name="quality-institution"
    ),
    path(
        "publicar/<slug:slug>/obligaciones/",
        quality.dataset_obligations,
        name="publish-obligations",
    ),
    path("portales/", harvest.portal_directory, name="portal-directory"),
    path(
        "publicar/<slug:slug>/privacidad/",
        privacy_views.privacy_review,
        name="privacy-review",
    ),
    path(
        "publicar/<slug:slug>/privacidad/hallazgos/<int:finding_id>/justificar/",
        privacy_views.privacy_finding_justify,
        name="privacy-finding-justify",
    ),
    path(
        "publicar/<slug:slug>/privacidad/tablas/<uuid:table_id>/tratar/",
        privacy_views.privacy_table_treat,
        name="privacy-table-treat",
    ),
    path("guias/datos-personales/", privacy_views.privacy_guide, name="privacy-guide"),
]
