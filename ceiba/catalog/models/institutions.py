from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ceiba.common.models import TimestampedModel


class Institution(TimestampedModel):
    """A publisher (dcat publisher, foaf:Agent): a ministry, a municipality…"""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.ForeignKey(
        "catalog.InstitutionKind", on_delete=models.PROTECT, verbose_name=_("kind")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent institution"),
    )
    place = models.ForeignKey(
        "catalog.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("place"),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:institution-detail", args=[self.slug])


class Role(models.TextChoices):
    """What a person may do in an institution.

    member: sees drafts and creates them; editor: also edits and publishes;
    admin: also deletes and restores.
    """

    MEMBER = "member", _("member")
    EDITOR = "editor", _("editor")
    ADMIN = "admin", _("administrator")


class Membership(TimestampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"],
                name="membership_unique_user_institution",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.institution} · {self.role}"
