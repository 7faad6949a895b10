"""The treatment form: what to do with each column of a table, and with rows."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ceiba.privacy.treatments import ACTIONS, TreatmentPlan


class TreatmentForm(forms.Form):
    quasi = forms.MultipleChoiceField(
        label=_("Columns that together could identify someone (quasi-identifiers)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For example municipality, age, sex and ethnicity."),
    )
    k = forms.IntegerField(
        label=_("Remove the rows whose combination is shared by fewer than k rows"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=_("Leave empty or 0 to keep every row. 5 or 10 are usual values."),
    )
    aggregate = forms.BooleanField(
        label=_(
            "Publish counts instead of rows (one row per combination, with the "
            "number of people)"
        ),  # fmt: skip
        required=False,
    )

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        self.fields["quasi"].choices = [(c, c) for c in columns]
        choices = list(ACTIONS.items())
        for column in columns:
            self.fields[f"col_{column}"] = forms.ChoiceField(
                label=column, choices=choices, initial="keep"
            )

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"col_{c}"] for c in self.columns]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("k") or 0) > 1 and not data.get("quasi"):
            self.add_error(
                "quasi",
                _("Choose the columns whose rare combinations should be removed."),
            )
        return data

    def row_fields(self) -> list[forms.BoundField]:
        return [self["quasi"], self["k"], self["aggregate"]]

    def plan(self) -> TreatmentPlan:
        data = self.cleaned_data
        return TreatmentPlan(
            actions={c: data[f"col_{c}"] for c in self.columns},
            quasi=list(data.get("quasi") or []),
            k=data.get("k") or 0,
            aggregate=bool(data.get("aggregate")),
        )
