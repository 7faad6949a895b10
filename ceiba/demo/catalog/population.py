"""Demo datasets on population and elections."""

from ceiba.demo.catalog.spec import (
    LAIP,
    Category,
    DemoDataset,
    DemoFile,
    DemoLink,
    Measure,
    Table,
)

LEY_INE = "Ley Orgánica del Instituto Nacional de Estadística, Decreto Ley 3-85"
LEY_ELECTORAL = "Ley Electoral y de Partidos Políticos, Decreto 1-85"


POPULATION: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="proyecciones-poblacion-municipio",
        publisher="ine",
        title="Proyecciones de población por municipio",
        summary="Población proyectada a mitad de año en cada uno de los 340 "
        "municipios, por sexo.",
        themes=("poblacion", "territorio"),
        keywords=("población", "proyecciones", "demografía", "municipios"),
        frequency="ANNUAL",
        sdg_targets=("17.18",),
        legal_basis=LEY_INE,
        files=(
            DemoFile(
                "proyecciones-poblacion-municipio-2024-2026-demo.csv",
                "Población por municipio y sexo",
                Table(
                    (
                        Measure("mujeres", 3000, 120000),
                        Measure("hombres", 3000, 115000),
                    ),
                    (2024, 2026),
                    geo="municipio",
                    semicolon=True,
                ),
            ),
        ),
        links=(DemoLink("https://www.ine.gob.gt/", "Sitio web del INE"),),
    ),
    DemoDataset(
        slug="indice-precios-consumidor",
        publisher="ine",
        title="Índice de Precios al Consumidor por división de gasto",
        summary="Índice mensual de precios al consumidor (base diciembre 2010 = "
        "100) por división de gasto.",
        themes=("economia",),
        keywords=("IPC", "inflación", "precios", "canasta básica"),
        frequency="MONTHLY",
        legal_basis=LEY_INE,
        files=(
            DemoFile(
                "ipc-division-gasto-2023-2024-demo.csv",
                "IPC mensual por división de gasto",
                Table(
                    (Measure("indice", 140, 210, 2, growth=0.04),),
                    (2023, 2024),
                    geo="",
                    period="mes",
                    categories=(
                        Category(
                            "division",
                            (
                                "Alimentos y bebidas no alcohólicas",
                                "Prendas de vestir y calzado",
                                "Vivienda, agua, electricidad y gas",
                                "Salud",
                                "Transporte",
                                "Educación",
                                "Restaurantes y hoteles",
                            ),
                        ),
                    ),
                ),
                earlier_filename="ipc-division-gasto-2023-demo.csv",
            ),
        ),
    ),
    DemoDataset(
        slug="nacimientos-registrados",
        publisher="ine",
        title="Nacimientos registrados por departamento",
        summary="Nacimientos inscritos en el Registro Nacional de las Personas, por "
        "departamento de residencia de la madre y sexo.",
        themes=("poblacion",),
        keywords=("nacimientos", "estadísticas vitales", "natalidad"),
        frequency="ANNUAL",
        legal_basis=LAIP,
        files=(
            DemoFile(
                "nacimientos-2018-2023-demo.csv",
                "Nacimientos por departamento y sexo",
                Table(
                    (
                        Measure("mujeres", 1500, 28000, growth=-0.01),
                        Measure("hombres", 1500, 29000, growth=-0.01),
                    ),
                    (2018, 2023),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="indicadores-empleo",
        publisher="ine",
        title="Indicadores de empleo por área geográfica",
        summary="Tasas de participación, desempleo abierto e informalidad de la "
        "Encuesta Nacional de Empleo e Ingresos (ENEI).",
        themes=("trabajo", "economia"),
        keywords=("ENEI", "empleo", "desempleo", "informalidad"),
        frequency="ANNUAL",
        sdg_targets=("8.3", "8.5"),
        files=(
            DemoFile(
                "indicadores-empleo-2019-2024-demo.json",
                "Indicadores por área",
                Table(
                    (
                        Measure("tasa_participacion", 55, 68, 1, growth=0),
                        Measure("tasa_desempleo", 1.5, 4.5, 1, growth=0),
                        Measure("tasa_informalidad", 55, 82, 1, growth=0),
                    ),
                    (2019, 2024),
                    geo="",
                    categories=(
                        Category(
                            "area", ("Urbano metropolitano", "Resto urbano", "Rural")
                        ),
                    ),
                ),
            ),
        ),
    ),
)


ELECTIONS: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="padron-electoral-municipio",
        publisher="tse",
        title="Padrón electoral por municipio y sexo",
        summary="Ciudadanas y ciudadanos empadronados en cada municipio al cierre "
        "del padrón de las Elecciones Generales 2023.",
        themes=("gobierno", "poblacion"),
        keywords=("padrón electoral", "empadronados", "elecciones 2023"),
        frequency="QUINQUENNIAL",
        sdg_targets=("16.7",),
        legal_basis=LEY_ELECTORAL,
        files=(
            DemoFile(
                "padron-electoral-2023-demo.csv",
                "Empadronados por municipio",
                Table(
                    (
                        Measure("mujeres", 2000, 380000),
                        Measure("hombres", 1800, 340000),
                    ),
                    (2023, 2023),
                    geo="municipio",
                ),
            ),
        ),
        links=(DemoLink("https://www.tse.org.gt/", "Sitio web del TSE"),),
    ),
    DemoDataset(
        slug="participacion-electoral-2023",
        publisher="tse",
        title="Participación electoral por departamento, Elecciones Generales 2023",
        summary="Empadronados, votos emitidos, nulos y en blanco en la elección "
        "presidencial, primera vuelta.",
        themes=("gobierno",),
        keywords=("elecciones", "participación electoral", "votos"),
        frequency="QUINQUENNIAL",
        sdg_targets=("16.7",),
        legal_basis=LEY_ELECTORAL,
        files=(
            DemoFile(
                "participacion-electoral-2023-demo.csv",
                "Participación por departamento",
                Table(
                    (
                        Measure("empadronados", 90000, 2.1e6),
                        Measure("votos_emitidos", 50000, 1.3e6),
                        Measure("votos_nulos", 3000, 120000),
                        Measure("votos_blancos", 1500, 60000),
                    ),
                    (2023, 2023),
                ),
            ),
            DemoFile(
                "participacion-electoral-2023-demo.json",
                "Participación por departamento (JSON)",
                Table(
                    (
                        Measure("empadronados", 90000, 2.1e6),
                        Measure("votos_emitidos", 50000, 1.3e6),
                        Measure("votos_nulos", 3000, 120000),
                        Measure("votos_blancos", 1500, 60000),
                    ),
                    (2023, 2023),
                ),
            ),
        ),
    ),
)

DATASETS: tuple[DemoDataset, ...] = (*POPULATION, *ELECTIONS)
