"""The Markdown description of a demo dataset: its summary, the demo notice, and
what each file holds. Content, so it is Spanish like the rest of the catalog."""

from ceiba.demo.catalog.spec import DemoDataset, DemoFile, DemoInstitution, Points
from ceiba.demo.files import NOTE, NOTICE, points_properties, table_columns


def dataset_description(
    spec: DemoDataset, institution: DemoInstitution, *, final: bool
) -> str:
    """The description before (``final=False``) or after the dataset's later edit."""
    parts = [spec.summary, _notice(institution), _files_section(spec)]
    if final and spec.is_updated_later:
        parts.append(_updates_section(spec))
    return "\n\n".join(parts)


def _notice(institution: DemoInstitution) -> str:
    where = f" ({institution.website})" if institution.website else ""
    return (
        f"> **{NOTICE}** Este conjunto forma parte del catálogo de demostración de "
        f"Ceiba: la institución es real, pero sus archivos no contienen sus datos. "
        f"Para las cifras oficiales, consulte a la institución: "
        f"{institution.name}{where}."
    )


def _files_section(spec: DemoDataset) -> str:
    lines = [_file_line(f) for f in spec.files]
    return (
        "## Archivos\n\n"
        + "\n".join(lines)
        + f"\n\nCada registro lleva en `nota` el texto «{NOTE}»."
    )


def _file_line(demo_file: DemoFile) -> str:
    content = demo_file.content
    if isinstance(content, Points):
        names = points_properties(content)
        kind = f"{content.count} puntos con las propiedades"
    else:
        names = table_columns(content)
        kind = "columnas"
    return (
        f"- **{demo_file.title}**: {kind} " + ", ".join(f"`{n}`" for n in names) + "."
    )


def _updates_section(spec: DemoDataset) -> str:
    notes = []
    years = spec.years
    if spec.has_replacements and years:
        notes.append(f"Se agregaron las cifras de {years[1]}.")
    if spec.update_note:
        notes.append(spec.update_note)
    if spec.later_keywords:
        notes.append("Se agregaron palabras clave.")
    return "## Actualizaciones\n\n" + "\n".join(f"- {note}" for note in notes)
