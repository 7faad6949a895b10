"""Update frequencies of the EU frequency vocabulary, most frequent first.

Codes are those of http://publications.europa.eu/resource/authority/frequency.
``period_days`` is the expected number of days between updates, rounded to whole
days (at least 1); None when updates are not periodic.
"""

from dataclasses import dataclass

from ceiba.catalog.vocabularies import Term

EU_FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"


@dataclass(frozen=True)
class FrequencyTerm(Term):
    period_days: int | None = None

    @property
    def uri(self) -> str:
        return EU_FREQUENCY_BASE + self.code


FREQUENCIES: tuple[FrequencyTerm, ...] = (
    FrequencyTerm("CONT", "Continua", "Continuous"),
    FrequencyTerm("UPDATE_CONT", "Actualización continua", "Continuously updated"),
    FrequencyTerm("HOURLY", "Cada hora", "Hourly", period_days=1),
    FrequencyTerm("DAILY_2", "Dos veces al día", "Twice a day", period_days=1),
    FrequencyTerm("DAILY", "Diaria", "Daily", period_days=1),
    FrequencyTerm(
        "WEEKLY_3", "Tres veces por semana", "Three times a week", period_days=2
    ),
    FrequencyTerm("WEEKLY_2", "Dos veces por semana", "Semiweekly", period_days=4),
    FrequencyTerm("WEEKLY", "Semanal", "Weekly", period_days=7),
    FrequencyTerm(
        "MONTHLY_3", "Tres veces al mes", "Three times a month", period_days=10
    ),
    FrequencyTerm("BIWEEKLY", "Cada dos semanas", "Biweekly", period_days=14),
    FrequencyTerm("MONTHLY_2", "Quincenal", "Semimonthly", period_days=15),
    FrequencyTerm("MONTHLY", "Mensual", "Monthly", period_days=30),
    FrequencyTerm("BIMONTHLY", "Bimestral", "Bimonthly", period_days=61),
    FrequencyTerm("QUARTERLY", "Trimestral", "Quarterly", period_days=91),
    FrequencyTerm("ANNUAL_3", "Cuatrimestral", "Three times a year", period_days=122),
    FrequencyTerm("ANNUAL_2", "Semestral", "Semiannual", period_days=182),
    FrequencyTerm("ANNUAL", "Anual", "Annual", period_days=365),
    FrequencyTerm("BIENNIAL", "Bienal", "Biennial", period_days=730),
    FrequencyTerm("TRIENNIAL", "Trienal", "Triennial", period_days=1095),
    FrequencyTerm("QUINQUENNIAL", "Quinquenal", "Quinquennial", period_days=1826),
    FrequencyTerm("DECENNIAL", "Decenal", "Decennial", period_days=3652),
    FrequencyTerm("IRREG", "Irregular", "Irregular"),
    FrequencyTerm("OTHER", "Otra", "Other"),
    FrequencyTerm("UNKNOWN", "Desconocida", "Unknown"),
    FrequencyTerm("NEVER", "Nunca", "Never"),
)
