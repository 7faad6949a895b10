"""Demo datasets on education, health, public safety and population."""

from ceiba.demo.catalog.spec import (
    LAIP,
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
        summary="Indicadores de eficiencia interna del nivel primario por departamento.",
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
                    (Measure("casos_sospechosos", 5, 900), Measure("confirmados", 0, 120)),
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
        legal_basis="Ley Orgánica del Instituto Nacional de Estadística, "
        "Decreto Ley 3-85",
        files=(
            DemoFile(
                "proyecciones-poblacion-municipio-2024-2026-demo.csv",
                "Población por municipio y sexo",
                Table(
                    (Measure("mujeres", 3000, 120000), Measure("hombres", 3000, 115000)),
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
        legal_basis="Ley Orgánica del Instituto Nacional de Estadística, "
        "Decreto Ley 3-85",
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

DATASETS: tuple[DemoDataset, ...] = (*EDUCATION, *HEALTH, *SAFETY, *POPULATION)
