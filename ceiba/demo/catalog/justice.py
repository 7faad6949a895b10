"""Demo datasets on public safety, the courts and the legislature."""

from ceiba.demo.catalog.spec import (
    Category,
    DemoDataset,
    DemoFile,
    DemoLink,
    Measure,
    Table,
)

LEY_OJ = "Ley del Organismo Judicial, Decreto 2-89"
LEY_LEGISLATIVO = "Ley Orgánica del Organismo Legislativo, Decreto 63-94"


SAFETY: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="hechos-delictivos-departamento",
        publisher="mingob",
        title="Hechos delictivos reportados por departamento",
        summary="Hechos delictivos registrados por la Policía Nacional Civil, por "
        "mes, departamento y tipo de hecho.",
        themes=("seguridad",),
        keywords=("delitos", "PNC", "homicidios", "robos", "extorsiones"),
        frequency="MONTHLY",
        sdg_targets=("16.1",),
        files=(
            DemoFile(
                "hechos-delictivos-2024-demo.csv",
                "Hechos por mes, departamento y tipo",
                Table(
                    (Measure("hechos", 0, 180),),
                    (2024, 2024),
                    period="mes",
                    categories=(
                        Category(
                            "tipo_hecho",
                            ("Homicidio", "Lesiones", "Robo a peatón", "Extorsión"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="poblacion-privada-libertad",
        publisher="mingob",
        title="Personas privadas de libertad por centro de detención",
        summary="Población de los centros del Sistema Penitenciario al final de "
        "cada mes, por sexo.",
        themes=("seguridad", "justicia"),
        keywords=("sistema penitenciario", "cárceles", "centros de detención"),
        frequency="MONTHLY",
        sdg_targets=("16.3",),
        legal_basis="Ley del Régimen Penitenciario, Decreto 33-2006",
        files=(
            DemoFile(
                "privados-de-libertad-2024-demo.csv",
                "Población por centro y mes",
                Table(
                    (Measure("hombres", 0, 3500), Measure("mujeres", 0, 900)),
                    (2024, 2024),
                    geo="",
                    period="mes",
                    categories=(
                        Category(
                            "centro",
                            (
                                "Centro Preventivo para Hombres, zona 18",
                                "Granja Modelo de Rehabilitación Pavón",
                                "Centro de Orientación Femenino",
                                "Granja Modelo de Rehabilitación Canadá",
                                "Centro Preventivo de Quetzaltenango",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="hechos-de-transito",
        publisher="mingob",
        title="Hechos de tránsito por departamento",
        summary="Hechos de tránsito atendidos, con personas fallecidas y lesionadas.",
        themes=("seguridad", "transporte"),
        keywords=("accidentes de tránsito", "seguridad vial", "PNC"),
        frequency="ANNUAL",
        sdg_targets=("3.6", "11.2"),
        files=(
            DemoFile(
                "hechos-transito-2019-2024-demo.csv",
                "Hechos de tránsito por departamento",
                Table(
                    (
                        Measure("hechos", 40, 2400),
                        Measure("fallecidos", 5, 400),
                        Measure("lesionados", 30, 2600),
                    ),
                    (2019, 2024),
                ),
                earlier_filename="hechos-transito-2019-2023-demo.csv",
            ),
        ),
    ),
)


JUSTICE: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="casos-ingresados-por-materia",
        publisher="organismo-judicial",
        title="Casos ingresados y resueltos por materia y departamento",
        summary="Casos ingresados y resueltos en los órganos jurisdiccionales, por "
        "materia.",
        themes=("justicia",),
        keywords=("casos", "tribunales", "juzgados", "carga de trabajo"),
        frequency="ANNUAL",
        sdg_targets=("16.3",),
        legal_basis=LEY_OJ,
        files=(
            DemoFile(
                "casos-por-materia-2020-2024-demo.csv",
                "Casos por departamento y materia",
                Table(
                    (Measure("ingresados", 50, 24000), Measure("resueltos", 40, 21000)),
                    (2020, 2024),
                    categories=(
                        Category(
                            "materia",
                            (
                                "Penal",
                                "Civil",
                                "Familia",
                                "Laboral",
                                "Niñez y adolescencia",
                            ),
                        ),
                    ),
                    semicolon=True,
                ),
                earlier_filename="casos-por-materia-2020-2023-demo.csv",
            ),
        ),
    ),
    DemoDataset(
        slug="sentencias-violencia-contra-la-mujer",
        publisher="organismo-judicial",
        title="Sentencias en delitos de violencia contra la mujer",
        summary="Sentencias condenatorias y absolutorias de los juzgados y "
        "tribunales especializados en femicidio y otras formas de violencia contra "
        "la mujer.",
        themes=("justicia", "seguridad"),
        keywords=("violencia contra la mujer", "femicidio", "sentencias"),
        frequency="ANNUAL",
        sdg_targets=("5.2", "16.3"),
        legal_basis="Ley contra el Femicidio y otras Formas de Violencia contra la "
        "Mujer, Decreto 22-2008",
        files=(
            DemoFile(
                "sentencias-violencia-mujer-2019-2024-demo.csv",
                "Sentencias por departamento",
                Table(
                    (Measure("condenatorias", 5, 700), Measure("absolutorias", 1, 260)),
                    (2019, 2024),
                ),
            ),
        ),
        links=(DemoLink("https://www.oj.gob.gt/", "Sitio web del Organismo Judicial"),),
    ),
)


LEGISLATURE: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="iniciativas-de-ley",
        publisher="congreso",
        title="Iniciativas de ley presentadas por año y estado",
        summary="Iniciativas de ley presentadas cada año y el estado de su trámite.",
        themes=("gobierno",),
        keywords=("iniciativas de ley", "Congreso", "proceso legislativo"),
        frequency="ANNUAL",
        sdg_targets=("16.7", "16.10"),
        legal_basis=LEY_LEGISLATIVO,
        files=(
            DemoFile(
                "iniciativas-de-ley-2016-2024-demo.csv",
                "Iniciativas por año y estado",
                Table(
                    (Measure("iniciativas", 4, 260, growth=0),),
                    (2016, 2024),
                    geo="",
                    categories=(
                        Category(
                            "estado",
                            (
                                "Presentada al Pleno",
                                "Con dictamen de comisión",
                                "Aprobada en tercer debate",
                                "Aprobada en redacción final",
                            ),
                        ),
                    ),
                ),
            ),
        ),
        update_note="Se agregó el estado «Aprobada en redacción final».",
    ),
    DemoDataset(
        slug="decretos-aprobados",
        publisher="congreso",
        title="Decretos aprobados por año y tipo",
        summary="Decretos aprobados por el Pleno, clasificados por tipo de decreto.",
        themes=("gobierno", "justicia"),
        keywords=("decretos", "leyes", "Congreso"),
        frequency="ANNUAL",
        sdg_targets=("16.10",),
        legal_basis=LEY_LEGISLATIVO,
        files=(
            DemoFile(
                "decretos-aprobados-2012-2024-demo.json",
                "Decretos por año y tipo",
                Table(
                    (Measure("decretos", 0, 35, growth=0),),
                    (2012, 2024),
                    geo="",
                    categories=(
                        Category(
                            "tipo",
                            (
                                "Ley nueva",
                                "Reforma de ley",
                                "Aprobación de préstamo",
                                "Presupuesto",
                                "Declaratoria",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

DATASETS: tuple[DemoDataset, ...] = (*SAFETY, *JUSTICE, *LEGISLATURE)
