"""Demo datasets of municipalities."""

from ceiba.demo.catalog.spec import (
    Category,
    DemoDataset,
    DemoFile,
    DemoLink,
    Measure,
    Table,
)

CODIGO_MUNICIPAL = "Código Municipal, Decreto 12-2002"
ZONAS_CIUDAD = Category("zona", tuple(f"Zona {n}" for n in (*range(1, 20), 21, 24, 25)))


MUNICIPALITIES: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="residuos-solidos-por-zona",
        publisher="municipalidad-guatemala",
        title="Residuos sólidos recolectados por zona",
        summary="Toneladas de residuos sólidos recolectadas cada mes en las zonas de "
        "la Ciudad de Guatemala.",
        themes=("ambiente", "infraestructura"),
        keywords=("basura", "residuos sólidos", "recolección", "zonas"),
        frequency="MONTHLY",
        sdg_targets=("11.6", "12.5"),
        legal_basis=CODIGO_MUNICIPAL,
        places=("0101",),
        files=(
            DemoFile(
                "residuos-por-zona-2024-demo.csv",
                "Toneladas por zona y mes",
                Table(
                    (Measure("toneladas", 150, 5200, 1, growth=0),),
                    (2024, 2024),
                    geo="",
                    period="mes",
                    categories=(ZONAS_CIUDAD,),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="licencias-construccion-por-zona",
        publisher="municipalidad-guatemala",
        title="Licencias de construcción otorgadas por zona",
        summary="Licencias de construcción otorgadas y metros cuadrados "
        "autorizados, por zona.",
        themes=("infraestructura", "territorio"),
        keywords=("licencias de construcción", "urbanismo", "zonas"),
        frequency="ANNUAL",
        sdg_targets=("11.3",),
        legal_basis=CODIGO_MUNICIPAL,
        places=("0101",),
        files=(
            DemoFile(
                "licencias-construccion-2020-2024-demo.csv",
                "Licencias por zona",
                Table(
                    (
                        Measure("licencias", 5, 420),
                        Measure("metros_cuadrados", 800, 2.4e5),
                    ),
                    (2020, 2024),
                    geo="",
                    categories=(ZONAS_CIUDAD,),
                    semicolon=True,
                ),
            ),
        ),
        links=(
            DemoLink("https://www.muniguate.com/", "Sitio web de la Municipalidad"),
        ),
    ),
    DemoDataset(
        slug="pasajeros-transmetro",
        publisher="municipalidad-guatemala",
        title="Pasajeros del Transmetro por línea",
        summary="Pasajeros transportados cada mes por línea del Transmetro.",
        themes=("transporte",),
        keywords=("Transmetro", "transporte público", "pasajeros"),
        frequency="MONTHLY",
        sdg_targets=("11.2",),
        legal_basis=CODIGO_MUNICIPAL,
        places=("0101",),
        files=(
            DemoFile(
                "pasajeros-transmetro-2023-2024-demo.csv",
                "Pasajeros por línea y mes",
                Table(
                    (Measure("pasajeros", 1.5e5, 2.6e6),),
                    (2023, 2024),
                    geo="",
                    period="mes",
                    categories=(
                        Category(
                            "linea",
                            (
                                "Línea 1",
                                "Línea 2",
                                "Línea 6",
                                "Línea 7",
                                "Línea 12",
                                "Línea 13",
                                "Línea 18",
                            ),
                        ),
                    ),
                ),
                earlier_filename="pasajeros-transmetro-2023-demo.csv",
            ),
        ),
    ),
    DemoDataset(
        slug="presupuesto-municipal-quetzaltenango",
        publisher="municipalidad-quetzaltenango",
        title="Presupuesto de la Municipalidad de Quetzaltenango por programa",
        summary="Presupuesto asignado y ejecutado por programa, en quetzales.",
        themes=("finanzas-publicas", "gobierno"),
        keywords=("presupuesto municipal", "Quetzaltenango", "Xela"),
        frequency="ANNUAL",
        sdg_targets=("16.6",),
        legal_basis=CODIGO_MUNICIPAL,
        places=("0901",),
        files=(
            DemoFile(
                "presupuesto-quetzaltenango-2022-2024-demo.csv",
                "Presupuesto por programa",
                Table(
                    (
                        Measure("asignado_q", 1.5e6, 6e7, 2),
                        Measure("ejecutado_q", 1e6, 5.5e7, 2),
                    ),
                    (2022, 2024),
                    geo="",
                    categories=(
                        Category(
                            "programa",
                            (
                                "Servicios públicos municipales",
                                "Red vial municipal",
                                "Agua potable y saneamiento",
                                "Mercados municipales",
                                "Cultura y deporte",
                            ),
                        ),
                    ),
                    semicolon=True,
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="conexiones-agua-potable-mixco",
        publisher="municipalidad-mixco",
        title="Conexiones de agua potable por zona de Mixco",
        summary="Conexiones domiciliares activas y metros cúbicos facturados por "
        "zona del municipio.",
        themes=("infraestructura", "ambiente"),
        keywords=("agua potable", "servicios municipales", "Mixco"),
        frequency="ANNUAL",
        sdg_targets=("6.1",),
        legal_basis=CODIGO_MUNICIPAL,
        places=("0108",),
        files=(
            DemoFile(
                "agua-potable-mixco-2022-2024-demo.csv",
                "Conexiones por zona",
                Table(
                    (
                        Measure("conexiones", 900, 14000),
                        Measure("metros_cubicos", 1e5, 2.2e6),
                    ),
                    (2022, 2024),
                    geo="",
                    categories=(
                        Category("zona", tuple(f"Zona {n}" for n in range(1, 12))),
                    ),
                ),
            ),
        ),
    ),
)

DATASETS: tuple[DemoDataset, ...] = MUNICIPALITIES
