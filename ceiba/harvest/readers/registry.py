"""The source types, each one reader class. A new type is one module here."""

from ceiba.harvest.readers.base import Reader
from ceiba.harvest.readers.ceiba import CeibaReader
from ceiba.harvest.readers.ckan import CkanReader
from ceiba.harvest.readers.datajson import DataJsonReader
from ceiba.harvest.readers.dcat import DcatReader
from ceiba.harvest.readers.socrata import SocrataReader

READERS: dict[str, type[Reader]] = {
    CkanReader.type: CkanReader,
    DataJsonReader.type: DataJsonReader,
    CeibaReader.type: CeibaReader,
    DcatReader.type: DcatReader,
    SocrataReader.type: SocrataReader,
}


def reader_class(source_type: str) -> type[Reader]:
    return READERS[source_type]
