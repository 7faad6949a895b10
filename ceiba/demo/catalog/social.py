"""Demo datasets on education and health."""

from ceiba.demo.catalog.spec import (
    RAINY_SEASON,
    Category,
    DemoDataset,
    DemoFile,
    DemoLink,
    Measure,
    Points,
    Table,
)

NIVELES = Category("nivel", ("Preprimaria", "Primaria", "Básico", "Diversificado"))
SECTORES = Category("sector", ("Oficial", "Privado", "Por cooperativa", "Municipal"))


EDUCATION: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="matricula-escolar-departamento",
        publisher="mineduc",
        title="Matrícula escolar por departamento y nivel educativo",
        summary="Estudiantes inscritos al inicio del ciclo escolar, por departamento, "
        "nivel educativo y sexo.",
        themes=("educacion",),
        keywords=("matrícula", "estudiantes", "ciclo escolar", "inscripción"),
        frequency="ANNUAL",
        sdg_targets=("4.1", "4.5"),
        legal_basis="Ley de Educación Nacional, Decreto 12-91",
        files=(
            DemoFile(
                "matricula-escolar-2020-2024-demo.csv",
                "Matrícula por departamento, nivel y sexo",
                Table(
                    (Measure("mujeres", 800, 60000), Measure("hombres", 800, 62000)),
                    (2020, 2024),
                    categories=(NIVELES,),
                ),
                earlier_filename="matricula-escolar-2020-2023-demo.csv",
            ),
        ),
        later_keywords=("educación pública",),
    ),
    DemoDataset(
        slug="establecimientos-educativos",
        publisher="mineduc",
        title="Establecimientos educativos por municipio y sector",
        summary="Número de establecimientos educativos abiertos en cada municipio, "
        "por sector, y una muestra georreferenciada de escuelas.",
        themes=("educacion", "territorio"),
        keywords=("escuelas", "establecimientos", "centros educativos"),
        frequency="ANNUAL",
        sdg_targets=("4.a",),
        files=(
            DemoFile(
                "establecimientos-por-municipio-2024-demo.csv",
                "Establecimientos por municipio y sector",
                Table(
                    (Measure("establecimientos", 2, 260),),
                    (2024, 2024),
                    geo="municipio",
                    categories=(SECTORES,),
                ),
            ),
            DemoFile(
                "escuelas-muestra-demo.geojson",
                "Muestra georreferenciada de escuelas",
                Points("Escuela oficial de demostración", 60, year=2024),
            ),
        ),
    ),
    DemoDataset(
        slug="indicadores-eficiencia-primaria",
        publisher="mineduc",
        title="Tasas de promoción, repitencia y deserción en primaria",
        summary="Indicadores de eficiencia interna del nivel primario, por "
        "departamento.",
        themes=("educacion",),
        keywords=("promoción", "repitencia", "deserción escolar", "primaria"),
        frequency="ANNUAL",
        sdg_targets=("4.1",),
        files=(
            DemoFile(
                "eficiencia-primaria-2019-2023-demo.csv",
                "Indicadores por departamento",
                Table(
                    (
                        Measure("tasa_promocion", 80, 95, 1, growth=0),
                        Measure("tasa_repitencia", 3, 12, 1, growth=0),
                        Measure("tasa_desercion", 2, 9, 1, growth=0),
                    ),
                    (2019, 2023),
                ),
            ),
        ),
    ),
)


HEALTH: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="casos-dengue-departamento",
        publisher="mspas",
        title="Casos de dengue por departamento",
        summary="Casos sospechosos y confirmados de dengue notificados cada mes por "
        "el sistema de vigilancia epidemiológica.",
        themes=("salud",),
        keywords=("dengue", "vigilancia epidemiológica", "arbovirosis"),
        frequency="MONTHLY",
        sdg_targets=("3.3",),
        legal_basis="Código de Salud, Decreto 90-97",
        files=(
            DemoFile(
                "casos-dengue-2023-2024-demo.csv",
                "Casos mensuales por departamento",
                Table(
                    (
                        Measure("casos_sospechosos", 5, 900, season=RAINY_SEASON),
                        Measure("confirmados", 0, 120, season=RAINY_SEASON),
                    ),
                    (2023, 2024),
                    period="mes",
                    semicolon=True,
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="mortalidad-materna",
        publisher="mspas",
        title="Mortalidad materna por departamento",
        summary="Muertes maternas, nacidos vivos y razón de mortalidad materna por "
        "100 000 nacidos vivos.",
        themes=("salud", "poblacion"),
        keywords=("mortalidad materna", "salud materna", "nacidos vivos"),
        frequency="ANNUAL",
        sdg_targets=("3.1",),
        legal_basis="Código de Salud, Decreto 90-97",
        files=(
            DemoFile(
                "mortalidad-materna-2016-2023-demo.csv",
                "Mortalidad materna por departamento",
                Table(
                    (
                        Measure("muertes_maternas", 2, 60, growth=-0.02),
                        Measure("nacidos_vivos", 4000, 60000, growth=0),
                        Measure("razon_por_100000", 40, 180, 1, growth=-0.02),
                    ),
                    (2016, 2023),
                ),
            ),
        ),
        update_note="Se aclaró que la razón se expresa por 100 000 nacidos vivos.",
        later_keywords=("ODS 3",),
    ),
    DemoDataset(
        slug="cobertura-vacunacion-infantil",
        publisher="mspas",
        title="Cobertura de vacunación infantil por departamento",
        summary="Porcentaje de niñas y niños menores de un año vacunados, por "
        "vacuna y departamento.",
        themes=("salud",),
        keywords=("vacunación", "inmunizaciones", "niñez"),
        frequency="ANNUAL",
        sdg_targets=("3.b", "3.2"),
        files=(
            DemoFile(
                "cobertura-vacunacion-2020-2024-demo.csv",
                "Cobertura por vacuna",
                Table(
                    (Measure("cobertura_pct", 55, 99, 1, growth=0),),
                    (2020, 2024),
                    categories=(
                        Category("vacuna", ("BCG", "Pentavalente 3", "Polio 3", "SPR")),
                    ),
                ),
            ),
            DemoFile(
                "cobertura-vacunacion-2020-2024-demo.json",
                "Cobertura por vacuna (JSON)",
                Table(
                    (Measure("cobertura_pct", 55, 99, 1, growth=0),),
                    (2020, 2024),
                    categories=(
                        Category("vacuna", ("BCG", "Pentavalente 3", "Polio 3", "SPR")),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="red-servicios-salud",
        publisher="mspas",
        title="Red de servicios de salud del MSPAS",
        summary="Hospitales, centros y puestos de salud por municipio, con una "
        "muestra georreferenciada.",
        themes=("salud", "infraestructura"),
        keywords=("hospitales", "centros de salud", "puestos de salud"),
        frequency="ANNUAL",
        sdg_targets=("3.8",),
        files=(
            DemoFile(
                "servicios-salud-por-municipio-2024-demo.csv",
                "Servicios de salud por municipio",
                Table(
                    (Measure("establecimientos", 0, 25),),
                    (2024, 2024),
                    geo="municipio",
                    categories=(
                        Category(
                            "tipo", ("Hospital", "Centro de salud", "Puesto de salud")
                        ),
                    ),
                    semicolon=True,
                ),
            ),
            DemoFile(
                "servicios-salud-muestra-demo.geojson",
                "Muestra georreferenciada de servicios",
                Points("Puesto de salud de demostración", 40, year=2024),
            ),
        ),
        links=(DemoLink("https://www.mspas.gob.gt/", "Sitio web del MSPAS"),),
    ),
)

DATASETS: tuple[DemoDataset, ...] = (*EDUCATION, *HEALTH)
