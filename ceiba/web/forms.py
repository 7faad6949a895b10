"""Forms of the publisher pages. They parse input; the catalog services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ceiba.accounts.models import TokenScope
from ceiba.catalog.models import AccessRights, Dataset
from ceiba.catalog.selectors import frequency_list, licence_list, theme_list_all
from ceiba.catalog.services import DatasetInput
from ceiba.ingest.dictionary import EDITABLE_TYPES


def _split_list(value: str) -> list[str]:
    return [
        item.strip() for item in value.replace("\n", ",").split(",") if item.strip()
    ]


class ServiceErrorsMixin:
    """Show a service's ValidationError beside the fields it names."""

    def add_service_errors(self, field_errors: dict[str, list[str]]) -> None:
        for name, messages in field_errors.items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)


class DatasetForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    slug = forms.CharField(
        label=_("Address name"),
        max_length=100,
        required=False,
        help_text=_(
            "Part of the address: lowercase letters, digits and hyphens. Leave it "
            "empty to make one from the title."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "What the data is, where it comes from and how to use it. Markdown is "
            "allowed."
        ),
    )
    title_en = forms.CharField(
        label=_("Title in English"), max_length=250, required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separated by commas.")
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    licence = forms.ChoiceField(label=_("Licence"))
    access_rights = forms.ChoiceField(
        label=_("Access"), choices=AccessRights.choices, initial=AccessRights.PUBLIC
    )
    frequency = forms.ChoiceField(label=_("Update frequency"), required=False)
    temporal_start = forms.DateField(
        label=_("Covers from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    temporal_end = forms.DateField(
        label=_("Covers until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    places = forms.CharField(
        label=_("Places (INE codes)"),
        required=False,
        help_text=_(
            "Department codes (01 to 22) or municipality codes (0101 to 2217), "
            "separated by commas."
        ),
    )
    contact_name = forms.CharField(
        label=_("Contact name"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    sdg_targets = forms.CharField(
        label=_("SDG targets"), required=False, help_text=_("For example: 4.1, 16.10")
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_("The law or article that obliges publishing this data, if any."),
    )
    conforms_to = forms.URLField(
        label=_("Standard it follows (address)"), required=False, assume_scheme="https"
    )
    source_url = forms.URLField(
        label=_("Original address"), required=False, assume_scheme="https"
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["licence"].choices = [
            (lic.code, lic.label) for lic in licence_list()
        ]
        themes = theme_list_all().filter(is_local=True)
        self.fields["themes"].choices = [(t.code, t.label) for t in themes]
        self.fields["frequency"].choices = [("", _("Not declared"))] + [
            (f.code, f.label) for f in frequency_list()
        ]

    def to_input(self) -> DatasetInput:
        data = self.cleaned_data
        return DatasetInput(
            title=data["title"],
            slug=data["slug"].strip(),
            description=data["description"],
            title_en=data["title_en"],
            description_en=data["description_en"],
            keywords=_split_list(data["keywords"]),
            themes=list(data["themes"]),
            licence=data["licence"],
            access_rights=data["access_rights"],
            frequency=data["frequency"],
            temporal_start=data["temporal_start"],
            temporal_end=data["temporal_end"],
            places=[_normalise_place(c) for c in _split_list(data["places"])],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            sdg_targets=_split_list(data["sdg_targets"]),
            legal_basis=data["legal_basis"],
            conforms_to=data["conforms_to"],
            source_url=data["source_url"],
        )

    @classmethod
    def initial_from(cls, dataset: Dataset) -> dict[str, object]:
        english = dataset.translations.get("en", {})
        return {
            "title": dataset.title,
            "slug": dataset.slug,
            "description": dataset.description,
            "title_en": english.get("title", ""),
            "description_en": english.get("description", ""),
            "keywords": ", ".join(dataset.keywords),
            "themes": [t.code for t in dataset.themes.all()],
            "licence": dataset.licence_id,
            "access_rights": dataset.access_rights,
            "frequency": dataset.frequency_id or "",
            "temporal_start": dataset.temporal_start,
            "temporal_end": dataset.temporal_end,
            "places": ", ".join(p.code for p in dataset.places.all()),
            "contact_name": dataset.contact_name,
            "contact_email": dataset.contact_email,
            "sdg_targets": ", ".join(dataset.sdg_targets),
            "legal_basis": dataset.legal_basis,
            "conforms_to": dataset.conforms_to,
            "source_url": dataset.source_url,
            "lock_version": dataset.lock_version,
        }


def _normalise_place(code: str) -> str:
    """INE codes are written with and without their leading zero (101 or 0101)."""
    code = code.strip()
    if code.isdigit() and len(code) in {1, 3}:
        return code.zfill(len(code) + 1)
    return code


class FileUploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class FileReplaceForm(forms.Form):
    file = forms.FileField(label=_("New version of the file"))


class LinkForm(forms.Form):
    url = forms.CharField(label=_("Address (URL)"), max_length=2000)
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    format = forms.CharField(
        label=_("Format"),
        max_length=20,
        required=False,
        help_text=_("For example: CSV, API"),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TokenForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “monthly budget script”."),
    )
    scope = forms.ChoiceField(
        label=_("Permissions"), choices=TokenScope.choices, initial=TokenScope.READ
    )
    expires_days = forms.IntegerField(
        label=_("Expires after (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        initial=365,
        help_text=_("Leave it empty for a token that does not expire."),
    )


TYPE_LABELS = {
    "string": _("text"),
    "integer": _("whole number"),
    "number": _("number"),
    "boolean": _("yes/no"),
    "date": _("date"),
    "datetime": _("date and time"),
    "year": _("year"),
}


class DictionaryFieldForm(forms.Form):
    """One column of a table's data dictionary."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[(kind, TYPE_LABELS[kind]) for kind in EDITABLE_TYPES],
    )
    format = forms.CharField(
        label=_("Date format"),
        max_length=40,
        required=False,
        help_text=_("For dates only, e.g. %d/%m/%Y. Empty: detected from the data."),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=60,
        required=False,
        help_text=_("e.g. quetzales, km², people"),
    )
    required = forms.BooleanField(label=_("Every row has a value"), required=False)
    unique = forms.BooleanField(label=_("No two rows repeat a value"), required=False)
    enum = forms.CharField(
        label=_("Allowed values"),
        required=False,
        help_text=_("Separated by commas. Empty: any value."),
    )
    minimum = forms.CharField(label=_("Minimum"), max_length=40, required=False)
    maximum = forms.CharField(label=_("Maximum"), max_length=40, required=False)
    pattern = forms.CharField(
        label=_("Pattern (regular expression)"), max_length=500, required=False
    )

    @staticmethod
    def initial_from(field: dict) -> dict[str, object]:
        constraints = field.get("constraints", {})
        return {
            "title": field.get("title", ""),
            "description": field.get("description", ""),
            "type": field.get("type", "string"),
            "format": field.get("format", ""),
            "unit": field.get("unit", ""),
            "required": constraints.get("required", False),
            "unique": constraints.get("unique", False),
            "enum": ", ".join(str(v) for v in constraints.get("enum", [])),
            "minimum": constraints.get("minimum", ""),
            "maximum": constraints.get("maximum", ""),
            "pattern": constraints.get("pattern", ""),
        }


DictionaryFormSet = forms.formset_factory(DictionaryFieldForm, extra=0)
