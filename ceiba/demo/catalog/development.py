"""Demo datasets on planning, agriculture and infrastructure."""

from ceiba.demo.catalog.spec import (
    Category,
    DemoDataset,
    DemoFile,
    DemoLink,
    Measure,
    Table,
)

PLANNING: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="proyectos-inversion-publica",
        publisher="segeplan",
        title="Proyectos de inversión pública por departamento y sector",
        summary="Proyectos registrados en el Sistema Nacional de Inversión Pública y "
        "su monto solicitado, por departamento y sector.",
        themes=("gobierno", "infraestructura"),
        keywords=("inversión pública", "SNIP", "proyectos"),
        frequency="ANNUAL",
        sdg_targets=("9.1", "16.6"),
        files=(
            DemoFile(
                "proyectos-snip-2021-2024-demo.csv",
                "Proyectos por departamento y sector",
                Table(
                    (Measure("proyectos", 1, 140), Measure("monto_q", 1e6, 2.5e8, 2)),
                    (2021, 2024),
                    categories=(
                        Category(
                            "sector",
                            ("Educación", "Salud", "Transporte", "Agua y saneamiento"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="cooperacion-internacional",
        publisher="segeplan",
        title="Cooperación internacional no reembolsable por cooperante",
        summary="Montos de cooperación no reembolsable suscritos cada año, por "
        "cooperante, en dólares.",
        themes=("relaciones-exteriores", "gobierno"),
        keywords=("cooperación internacional", "donaciones", "cooperantes"),
        frequency="ANNUAL",
        sdg_targets=("17.2", "17.3"),
        files=(
            DemoFile(
                "cooperacion-no-reembolsable-2020-2024-demo.json",
                "Cooperación por cooperante",
                Table(
                    (Measure("proyectos", 1, 40), Measure("monto_usd", 2e5, 6e7, 2)),
                    (2020, 2024),
                    geo="",
                    categories=(
                        Category(
                            "cooperante",
                            (
                                "Unión Europea",
                                "Estados Unidos de América",
                                "Japón",
                                "República de Corea",
                                "España",
                                "Alemania",
                                "Sistema de las Naciones Unidas",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="ranking-gestion-municipal",
        publisher="segeplan",
        title="Ranking de la gestión municipal",
        summary="Índice de gestión municipal (de 0 a 1) de cada municipalidad.",
        themes=("gobierno", "territorio"),
        keywords=("gestión municipal", "ranking", "municipalidades"),
        frequency="BIENNIAL",
        sdg_targets=("16.6", "16.7"),
        files=(
            DemoFile(
                "ranking-gestion-municipal-2021-2023-demo.csv",
                "Índice por municipalidad",
                Table(
                    (Measure("indice_gestion", 0.2, 0.75, 4, growth=0.01),),
                    (2021, 2023),
                    geo="municipio",
                ),
            ),
        ),
        update_note="Se agregó la explicación de la escala del índice.",
    ),
)


AGRICULTURE: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="produccion-granos-basicos",
        publisher="maga",
        title="Producción de granos básicos por departamento",
        summary="Área cosechada (manzanas) y producción (quintales) de granos "
        "básicos por año agrícola.",
        themes=("agricultura",),
        keywords=("maíz", "frijol", "arroz", "granos básicos", "cosechas"),
        frequency="ANNUAL",
        sdg_targets=("2.3", "2.4"),
        files=(
            DemoFile(
                "granos-basicos-2019-2024-demo.csv",
                "Producción por departamento y cultivo",
                Table(
                    (
                        Measure("area_manzanas", 300, 90000, growth=0.01),
                        Measure("produccion_quintales", 9000, 3e6, growth=0.01),
                    ),
                    (2019, 2024),
                    categories=(
                        Category("cultivo", ("Maíz blanco", "Frijol negro", "Arroz")),
                    ),
                    semicolon=True,
                ),
                earlier_filename="granos-basicos-2019-2023-demo.csv",
            ),
        ),
        later_keywords=("seguridad alimentaria",),
    ),
    DemoDataset(
        slug="precios-mayoristas-productos-agricolas",
        publisher="maga",
        title="Precios mayoristas de productos agrícolas",
        summary="Precio promedio mensual al por mayor en el mercado La Terminal, "
        "zona 4 de la Ciudad de Guatemala, en quetzales.",
        themes=("agricultura", "economia"),
        keywords=("precios", "mercados", "mayoristas", "canasta básica"),
        frequency="MONTHLY",
        sdg_targets=("2.c",),
        places=("0101",),
        files=(
            DemoFile(
                "precios-mayoristas-2024-demo.csv",
                "Precios por producto y mes",
                Table(
                    (Measure("precio_q", 90, 450, 2, growth=0),),
                    (2024, 2024),
                    geo="",
                    period="mes",
                    categories=(
                        Category(
                            "producto",
                            (
                                "Maíz blanco (quintal)",
                                "Frijol negro (quintal)",
                                "Tomate (caja)",
                                "Papa (quintal)",
                                "Cebolla (quintal)",
                                "Aguacate (ciento)",
                            ),
                        ),
                    ),
                    semicolon=True,
                ),
            ),
        ),
    ),
)


INFRASTRUCTURE: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="red-vial-departamento",
        publisher="micivi",
        title="Red vial por departamento y tipo de superficie",
        summary="Kilómetros de carreteras de la red vial nacional por tipo de "
        "superficie.",
        themes=("transporte", "infraestructura"),
        keywords=("carreteras", "red vial", "caminos rurales"),
        frequency="ANNUAL",
        sdg_targets=("9.1",),
        files=(
            DemoFile(
                "red-vial-2024-demo.csv",
                "Kilómetros por tipo de superficie",
                Table(
                    (Measure("kilometros", 20, 900, 1),),
                    (2024, 2024),
                    categories=(
                        Category(
                            "superficie", ("Asfalto", "Terracería", "Camino rural")
                        ),
                    ),
                ),
            ),
        ),
        links=(DemoLink("https://www.civ.gob.gt/", "Sitio web del MICIVI"),),
    ),
    DemoDataset(
        slug="obras-viales-en-ejecucion",
        publisher="micivi",
        title="Obras de infraestructura vial en ejecución",
        summary="Obras viales en ejecución, monto contratado y avance físico "
        "promedio por departamento.",
        themes=("infraestructura", "transporte", "finanzas-publicas"),
        keywords=("obras públicas", "contratos", "carreteras"),
        frequency="QUARTERLY",
        sdg_targets=("9.1", "16.6"),
        files=(
            DemoFile(
                "obras-viales-2022-2024-demo.csv",
                "Obras por departamento",
                Table(
                    (
                        Measure("obras", 1, 45),
                        Measure("monto_contratado_q", 2e6, 4e8, 2),
                        Measure("avance_fisico_pct", 5, 95, 1, growth=0),
                    ),
                    (2022, 2024),
                    semicolon=True,
                ),
            ),
        ),
        update_note="Se corrigió la descripción del avance físico.",
    ),
    DemoDataset(
        slug="subsidios-vivienda",
        publisher="micivi",
        title="Subsidios de vivienda otorgados por departamento",
        summary="Subsidios para vivienda popular otorgados por el Fondo para la "
        "Vivienda y su monto, en quetzales.",
        themes=("infraestructura", "desarrollo-social"),
        keywords=("vivienda", "subsidios", "FOPAVI"),
        frequency="ANNUAL",
        sdg_targets=("11.1",),
        legal_basis="Ley de Vivienda, Decreto 9-2012",
        files=(
            DemoFile(
                "subsidios-vivienda-2020-2024-demo.csv",
                "Subsidios por departamento",
                Table(
                    (
                        Measure("subsidios", 10, 1200),
                        Measure("monto_q", 3.5e5, 4.8e7, 2),
                    ),
                    (2020, 2024),
                ),
            ),
        ),
    ),
)

DATASETS: tuple[DemoDataset, ...] = (*PLANNING, *AGRICULTURE, *INFRASTRUCTURE)
