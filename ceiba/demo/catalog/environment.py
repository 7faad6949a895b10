"""Demo datasets on the environment, weather and earthquakes."""

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

LEY_AMBIENTE = "Ley de Protección y Mejoramiento del Medio Ambiente, Decreto 68-86"
ESTACIONES = Category(
    "estacion",
    (
        "INSIVUMEH, zona 13",
        "Flores, Petén",
        "Cobán, Alta Verapaz",
        "Huehuetenango",
        "Labor Ovalle, Quetzaltenango",
        "Puerto Barrios, Izabal",
        "Retalhuleu",
        "Esquipulas, Chiquimula",
    ),
)


ENVIRONMENT: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="calidad-del-aire-ciudad-guatemala",
        publisher="marn",
        title="Calidad del aire en la Ciudad de Guatemala",
        summary="Concentración promedio mensual de partículas PM2.5 y PM10 "
        "(microgramos por metro cúbico) en estaciones de monitoreo.",
        themes=("ambiente", "salud"),
        keywords=("calidad del aire", "PM2.5", "contaminación"),
        frequency="MONTHLY",
        sdg_targets=("11.6",),
        legal_basis=LEY_AMBIENTE,
        places=("0101",),
        files=(
            DemoFile(
                "calidad-aire-2023-2024-demo.csv",
                "Partículas por estación y mes",
                Table(
                    (
                        Measure("pm25_ugm3", 12, 48, 1, growth=0),
                        Measure("pm10_ugm3", 25, 95, 1, growth=0),
                    ),
                    (2023, 2024),
                    geo="",
                    period="mes",
                    categories=(
                        Category(
                            "estacion",
                            ("Zona 1", "Zona 6", "Zona 11", "Zona 12", "Zona 21"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="instrumentos-ambientales-aprobados",
        publisher="marn",
        title="Instrumentos ambientales aprobados por departamento",
        summary="Instrumentos de evaluación ambiental aprobados, por categoría de "
        "impacto (A, B1, B2 y C).",
        themes=("ambiente",),
        keywords=("licencias ambientales", "evaluación de impacto ambiental"),
        frequency="ANNUAL",
        sdg_targets=("15.9",),
        legal_basis=LEY_AMBIENTE,
        files=(
            DemoFile(
                "instrumentos-ambientales-2020-2024-demo.csv",
                "Instrumentos por departamento y categoría",
                Table(
                    (Measure("instrumentos", 0, 420),),
                    (2020, 2024),
                    categories=(Category("categoria", ("A", "B1", "B2", "C")),),
                ),
            ),
        ),
    ),
)


WEATHER: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="estaciones-meteorologicas",
        publisher="insivumeh",
        title="Red de estaciones meteorológicas",
        summary="Ubicación y altitud de las estaciones de la red meteorológica.",
        themes=("ambiente", "ciencia-tecnologia"),
        keywords=("estaciones", "meteorología", "clima"),
        frequency="IRREG",
        sdg_targets=("13.1",),
        files=(
            DemoFile(
                "estaciones-meteorologicas-demo.geojson",
                "Estaciones (GeoJSON)",
                Points(
                    "Estación meteorológica de demostración",
                    32,
                    (Measure("altitud_m", 5, 2900),),
                ),
            ),
        ),
        links=(DemoLink("https://insivumeh.gob.gt/", "Sitio web del INSIVUMEH"),),
    ),
    DemoDataset(
        slug="precipitacion-mensual",
        publisher="insivumeh",
        title="Precipitación mensual por estación",
        summary="Lluvia acumulada (milímetros) y días con lluvia de cada mes, por "
        "estación meteorológica.",
        themes=("ambiente", "agricultura"),
        keywords=("lluvia", "precipitación", "clima", "época lluviosa"),
        frequency="MONTHLY",
        sdg_targets=("13.1",),
        files=(
            DemoFile(
                "precipitacion-mensual-2023-2024-demo.csv",
                "Precipitación por estación y mes",
                Table(
                    (
                        Measure(
                            "precipitacion_mm", 0, 420, 1, growth=0, season=RAINY_SEASON
                        ),
                        Measure(
                            "dias_con_lluvia", 0, 27, growth=0, season=RAINY_SEASON
                        ),
                    ),
                    (2023, 2024),
                    geo="",
                    period="mes",
                    categories=(ESTACIONES,),
                ),
                earlier_filename="precipitacion-mensual-2023-demo.csv",
            ),
        ),
    ),
    DemoDataset(
        slug="sismos-registrados",
        publisher="insivumeh",
        title="Sismos registrados en territorio guatemalteco",
        summary="Epicentros, magnitud y profundidad de sismos localizados por la red "
        "sismológica nacional.",
        themes=("ambiente", "ciencia-tecnologia"),
        keywords=("sismos", "terremotos", "sismología"),
        frequency="DAILY",
        sdg_targets=("11.5", "13.1"),
        files=(
            DemoFile(
                "sismos-2024-demo.geojson",
                "Epicentros (GeoJSON)",
                Points(
                    "Sismo de demostración",
                    120,
                    (
                        Measure("magnitud", 2.5, 6.1, 1, growth=0),
                        Measure("profundidad_km", 4, 190, 1, growth=0),
                    ),
                    year=2024,
                ),
            ),
            DemoFile(
                "sismos-por-departamento-2024-demo.csv",
                "Sismos por departamento y mes",
                Table((Measure("sismos", 0, 40),), (2024, 2024), period="mes"),
            ),
        ),
    ),
)

DATASETS: tuple[DemoDataset, ...] = (*ENVIRONMENT, *WEATHER)
