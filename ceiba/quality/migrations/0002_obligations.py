"""The categories of information that article 10 of the LAIP (Decreto 57-2008)
obliges every institution to publish proactively ("información pública de oficio").

Numerals 1 to 16 are loaded; the article has more (up to 29), and operators add or
correct them in the admin after checking the official text. Names are summaries.
"""

from django.db import migrations

OBLIGATIONS = [
    (1, "Estructura orgánica, funciones y marco normativo",
     "Organisational structure, functions and legal framework"),
    (2, "Dirección y teléfonos de la entidad y sus dependencias",
     "Addresses and telephone numbers of the entity and its offices"),
    (3, "Directorio de empleados y servidores públicos",
     "Directory of employees and public servants"),
    (4, "Funcionarios, empleados y asesores, con salarios y otras remuneraciones",
     "Officials, employees and advisers, with salaries and other pay"),
    (5, "Misión, objetivos, plan operativo anual y resultados",
     "Mission, objectives, annual operating plan and results"),
    (6, "Manuales de procedimientos administrativos y operativos",
     "Administrative and operating procedure manuals"),
    (7, "Presupuesto de ingresos y egresos, programas y modificaciones",
     "Budget of income and expenditure, programmes and changes"),
    (8, "Informes mensuales de ejecución presupuestaria",
     "Monthly budget execution reports"),
    (9, "Depósitos constituidos con fondos públicos",
     "Deposits made with public funds"),
    (10, "Procesos de cotización y licitación de bienes para programas",
     "Quotation and tender processes for goods for programmes"),
    (11, "Contrataciones de bienes y servicios",
     "Contracts for goods and services"),
    (12, "Viajes nacionales e internacionales financiados con fondos públicos",
     "National and international trips paid with public funds"),
    (13, "Inventario de bienes muebles e inmuebles",
     "Inventory of movable and immovable property"),
    (14, "Contratos de mantenimiento de equipo, vehículos e instalaciones",
     "Maintenance contracts for equipment, vehicles and premises"),
    (15, "Programas de subsidios, becas o transferencias y sus beneficiarios",
     "Subsidy, grant and transfer programmes and their beneficiaries"),
    (16, "Contratos, licencias o concesiones sobre bienes del Estado",
     "Contracts, licences or concessions on State property"),
]  # fmt: skip
# Monthly reports are due every month: stale after a month and a half.
MAX_AGE_DAYS = {8: 45}


def load(apps, schema_editor):
    Obligation = apps.get_model("quality", "Obligation")
    for numeral, name_es, name_en in OBLIGATIONS:
        Obligation.objects.update_or_create(
            code=f"laip-10-{numeral}",
            defaults={
                "article": "10",
                "numeral": numeral,
                "name_es": name_es,
                "name_en": name_en,
                "max_age_days": MAX_AGE_DAYS.get(numeral),
            },
        )


def unload(apps, schema_editor):
    apps.get_model("quality", "Obligation").objects.filter(
        code__startswith="laip-10-"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
