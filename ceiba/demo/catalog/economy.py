"""Demo datasets on public finance and the economy."""

from ceiba.demo.catalog.spec import (
    Category,
    DemoDataset,
    DemoFile,
    DemoLink,
    Measure,
    Table,
)

LEY_PRESUPUESTO = "Ley Orgánica del Presupuesto, Decreto 101-97"
LEY_BANGUAT = "Ley Orgánica del Banco de Guatemala, Decreto 16-2002"
ENTIDADES = Category(
    "entidad",
    (
        "Ministerio de Educación",
        "Ministerio de Salud Pública y Asistencia Social",
        "Ministerio de Comunicaciones, Infraestructura y Vivienda",
        "Ministerio de Gobernación",
        "Ministerio de Agricultura, Ganadería y Alimentación",
        "Ministerio de Desarrollo Social",
        "Obligaciones del Estado a cargo del Tesoro",
    ),
)


FINANCE: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="ejecucion-presupuestaria-municipal",
        publisher="minfin",
        title="Ejecución presupuestaria de las municipalidades",
        summary="Presupuesto asignado, vigente y devengado de las 340 "
        "municipalidades, como se registra en el sistema de contabilidad de los "
        "gobiernos locales.",
        themes=("finanzas-publicas", "gobierno"),
        keywords=("presupuesto", "municipalidades", "gasto público", "SICOIN GL"),
        frequency="ANNUAL",
        sdg_targets=("16.6",),
        legal_basis=LEY_PRESUPUESTO,
        files=(
            DemoFile(
                "presupuesto-municipal-2022-2024-demo.csv",
                "Ejecución por municipalidad",
                Table(
                    (
                        Measure("asignado_q", 4e6, 9e7, 2),
                        Measure("vigente_q", 5e6, 1e8, 2),
                        Measure("devengado_q", 3e6, 8e7, 2),
                    ),
                    (2022, 2024),
                    geo="municipio",
                    semicolon=True,
                ),
                earlier_filename="presupuesto-municipal-2022-2023-demo.csv",
            ),
        ),
        links=(DemoLink("https://www.minfin.gob.gt/", "Sitio web del MINFIN"),),
    ),
    DemoDataset(
        slug="ejecucion-presupuesto-entidad",
        publisher="minfin",
        title="Ejecución mensual del presupuesto por entidad del Gobierno Central",
        summary="Presupuesto vigente, devengado y pagado al cierre de cada mes, por "
        "entidad, en quetzales.",
        themes=("finanzas-publicas",),
        keywords=("presupuesto", "ejecución", "Gobierno Central", "SICOIN"),
        frequency="MONTHLY",
        sdg_targets=("16.6",),
        legal_basis=LEY_PRESUPUESTO,
        files=(
            DemoFile(
                "ejecucion-entidad-2024-demo.csv",
                "Ejecución por entidad y mes",
                Table(
                    (
                        Measure("vigente_q", 1e9, 3e10, 2, growth=0),
                        Measure("devengado_q", 5e7, 2.5e9, 2, growth=0),
                        Measure("pagado_q", 4e7, 2.4e9, 2, growth=0),
                    ),
                    (2024, 2024),
                    geo="",
                    period="mes",
                    categories=(ENTIDADES,),
                    semicolon=True,
                ),
            ),
            DemoFile(
                "ejecucion-entidad-2024-demo.json",
                "Ejecución por entidad y mes (JSON)",
                Table(
                    (
                        Measure("vigente_q", 1e9, 3e10, 2, growth=0),
                        Measure("devengado_q", 5e7, 2.5e9, 2, growth=0),
                        Measure("pagado_q", 4e7, 2.4e9, 2, growth=0),
                    ),
                    (2024, 2024),
                    geo="",
                    period="mes",
                    categories=(ENTIDADES,),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="ingresos-tributarios",
        publisher="minfin",
        title="Ingresos tributarios del Gobierno Central por impuesto",
        summary="Recaudación mensual por impuesto, en millones de quetzales.",
        themes=("finanzas-publicas", "economia"),
        keywords=("impuestos", "recaudación", "IVA", "ISR"),
        frequency="MONTHLY",
        sdg_targets=("17.1",),
        legal_basis=LEY_PRESUPUESTO,
        files=(
            DemoFile(
                "ingresos-tributarios-2023-2024-demo.csv",
                "Recaudación por impuesto y mes",
                Table(
                    (Measure("millones_q", 40, 2600, 1, growth=0.05),),
                    (2023, 2024),
                    geo="",
                    period="mes",
                    categories=(
                        Category(
                            "impuesto",
                            (
                                "IVA doméstico",
                                "IVA importaciones",
                                "Impuesto Sobre la Renta",
                                "Impuesto de Solidaridad",
                                "Derechos arancelarios",
                                "Impuesto a la distribución de petróleo",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="saldo-deuda-publica",
        publisher="minfin",
        title="Saldo de la deuda pública del Gobierno Central",
        summary="Saldo trimestral de la deuda interna y externa, en millones de "
        "quetzales.",
        themes=("finanzas-publicas",),
        keywords=("deuda pública", "bonos del tesoro", "préstamos"),
        frequency="QUARTERLY",
        sdg_targets=("17.4",),
        legal_basis=LEY_PRESUPUESTO,
        files=(
            DemoFile(
                "deuda-publica-2019-2024-demo.csv",
                "Saldo por tipo de deuda",
                Table(
                    (Measure("saldo_millones_q", 70000, 120000, 1, growth=0.07),),
                    (2019, 2024),
                    geo="",
                    period="trimestre",
                    categories=(Category("tipo_deuda", ("Interna", "Externa")),),
                ),
            ),
        ),
    ),
)


CENTRAL_BANK: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="tipo-de-cambio-referencia",
        publisher="banguat",
        title="Tipo de cambio de referencia del quetzal frente al dólar",
        summary="Tipo de cambio de referencia diario, en quetzales por dólar de los "
        "Estados Unidos de América.",
        themes=("economia",),
        keywords=("tipo de cambio", "dólar", "quetzal", "divisas"),
        frequency="DAILY",
        legal_basis=LEY_BANGUAT,
        files=(
            DemoFile(
                "tipo-cambio-2024-demo.csv",
                "Tipo de cambio diario",
                Table(
                    (Measure("quetzales_por_dolar", 7.74, 7.84, 5, growth=0),),
                    (2024, 2024),
                    geo="",
                    period="dia",
                ),
            ),
        ),
        links=(
            DemoLink("https://www.banguat.gob.gt/", "Sitio web del Banco de Guatemala"),
        ),
    ),
    DemoDataset(
        slug="ingreso-divisas-remesas",
        publisher="banguat",
        title="Ingreso de divisas por remesas familiares",
        summary="Divisas que ingresan cada mes por remesas familiares, en millones "
        "de dólares.",
        themes=("economia", "relaciones-exteriores"),
        keywords=("remesas", "divisas", "migración"),
        frequency="MONTHLY",
        sdg_targets=("10.c",),
        legal_basis=LEY_BANGUAT,
        files=(
            DemoFile(
                "remesas-familiares-2019-2024-demo.csv",
                "Remesas mensuales",
                Table(
                    (Measure("millones_usd", 700, 1400, 1, growth=0.09),),
                    (2019, 2024),
                    geo="",
                    period="mes",
                ),
                earlier_filename="remesas-familiares-2019-2023-demo.csv",
            ),
        ),
    ),
    DemoDataset(
        slug="tasas-interes-bancarias",
        publisher="banguat",
        title="Tasas de interés activa y pasiva del sistema bancario",
        summary="Promedio ponderado mensual de las tasas de interés activa y pasiva "
        "en moneda nacional.",
        themes=("economia",),
        keywords=("tasas de interés", "bancos", "crédito"),
        frequency="MONTHLY",
        legal_basis=LEY_BANGUAT,
        files=(
            DemoFile(
                "tasas-interes-2022-2024-demo.csv",
                "Tasas de interés mensuales",
                Table(
                    (
                        Measure("tasa_activa", 11.5, 12.5, 2, growth=0),
                        Measure("tasa_pasiva", 4.8, 5.4, 2, growth=0),
                    ),
                    (2022, 2024),
                    geo="",
                    period="mes",
                    semicolon=True,
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="producto-interno-bruto-trimestral",
        publisher="banguat",
        title="Producto Interno Bruto trimestral por actividad económica",
        summary="Valor agregado trimestral por actividad económica, a precios "
        "corrientes, en millones de quetzales.",
        themes=("economia",),
        keywords=("PIB", "cuentas nacionales", "crecimiento económico"),
        frequency="QUARTERLY",
        sdg_targets=("8.1",),
        legal_basis=LEY_BANGUAT,
        files=(
            DemoFile(
                "pib-trimestral-2019-2024-demo.csv",
                "PIB por actividad",
                Table(
                    (Measure("millones_q", 3000, 45000, 1, growth=0.06),),
                    (2019, 2024),
                    geo="",
                    period="trimestre",
                    categories=(
                        Category(
                            "actividad",
                            (
                                "Agricultura, ganadería, silvicultura y pesca",
                                "Industrias manufactureras",
                                "Construcción",
                                "Comercio y reparación de vehículos",
                                "Actividades financieras y de seguros",
                                "Administración pública y defensa",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

DATASETS: tuple[DemoDataset, ...] = (*FINANCE, *CENTRAL_BANK)
