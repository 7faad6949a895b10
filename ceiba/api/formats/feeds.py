"""Atom feeds: new and updated datasets of the portal, of an institution and of a
theme, and the versions of one dataset."""

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ceiba.catalog import selectors
from ceiba.interop import atom, uris


class _EntryFeed(Feed):
    """Items are ``atom.Entry`` values; subclasses say which."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().__call__(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def item_title(self, item: atom.Entry) -> str:
        return item.title

    def item_description(self, item: atom.Entry) -> str:
        return item.summary

    def item_link(self, item: atom.Entry) -> str:
        return item.link

    def item_guid(self, item: atom.Entry) -> str:
        return item.id

    item_guid_is_permalink = False

    def item_updateddate(self, item: atom.Entry) -> Any:
        return item.updated

    def item_pubdate(self, item: atom.Entry) -> Any:
        return item.published or item.updated

    def item_author_name(self, item: atom.Entry) -> str:
        return item.author

    def item_categories(self, item: atom.Entry) -> list[str]:
        return item.categories


class DatasetsFeed(_EntryFeed):
    def title(self) -> str:
        return _("New and updated datasets")

    def link(self) -> str:
        return uris.site_url() + "/datos/"

    def feed_url(self) -> str:
        return uris.feed()

    def subtitle(self) -> str:
        return _(
            "Open data published by Guatemala's public institutions, free to "
            "download and reuse, with no registration."
        )

    def items(self) -> list[atom.Entry]:
        return [atom.dataset_entry(d) for d in atom.datasets_all()]


class InstitutionFeed(_EntryFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Any:
        return selectors.institution_get(slug=slug)

    def title(self, institution: Any) -> str:
        return _("New and updated datasets of %(name)s") % {"name": institution.name}

    def link(self, institution: Any) -> str:
        return uris.institution_uri(institution)

    def feed_url(self, institution: Any) -> str:
        return uris.feed("instituciones", institution.slug)

    def items(self, institution: Any) -> list[atom.Entry]:
        datasets = atom.datasets_of_institution(institution)
        return [atom.dataset_entry(d) for d in datasets]


class ThemeFeed(_EntryFeed):
    def get_object(self, request: HttpRequest, code: str) -> Any:
        return selectors.theme_get(code=code)

    def title(self, theme: Any) -> str:
        return _("New and updated datasets about %(theme)s") % {"theme": theme.label}

    def link(self, theme: Any) -> str:
        return uris.theme_uri(theme.code)

    def feed_url(self, theme: Any) -> str:
        return uris.feed("temas", theme.code)

    def items(self, theme: Any) -> list[atom.Entry]:
        return [atom.dataset_entry(d) for d in atom.datasets_of_theme(theme)]


class DatasetVersionsFeed(_EntryFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Any:
        return selectors.dataset_get(slug=slug, actor=None)

    def title(self, dataset: Any) -> str:
        return _("Versions of %(title)s") % {"title": dataset.title}

    def link(self, dataset: Any) -> str:
        return uris.dataset_page(dataset)

    def feed_url(self, dataset: Any) -> str:
        return uris.feed("datos", dataset.slug)

    def items(self, dataset: Any) -> list[atom.Entry]:
        versions = selectors.version_list(dataset=dataset)[: atom.FEED_SIZE]
        return [atom.version_entry(dataset, version) for version in versions]
