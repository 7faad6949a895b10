"""The nodes of the DCAT-AP graph: a dataset, its files and everything they point to.

Each referenced node is written once per graph with its type, so the SHACL range
checks need no background vocabulary.
"""

from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ceiba.interop import uris, vocab

# A plain namespace: rdflib's DCAT lacks the DCAT 3 terms (version, hasVersion).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

STABLE = vocab.Concept(
    "http://publications.europa.eu/resource/authority/planned-availability/STABLE",
    "http://publications.europa.eu/resource/authority/planned-availability",
    "stable",
)


class NodeWriter:
    def __init__(
        self, graph: Graph, *, themes: dict[str, Any], tables: dict[Any, list[Any]]
    ) -> None:
        self.graph = graph
        self.themes = themes
        self.tables = tables
        self._written: set[str] = set()

    def add(self, subject: Any, predicate: Any, value: Any) -> None:
        if value is not None and value != "":
            self.graph.add((subject, predicate, value))

    def _first_time(self, key: str) -> bool:
        if key in self._written:
            return False
        self._written.add(key)
        return True

    # Shared nodes -------------------------------------------------------------

    def scheme(self, uri: str, title: str) -> URIRef:
        node = URIRef(uri)
        if self._first_time(uri):
            self.add(node, RDF.type, SKOS.ConceptScheme)
            self.add(node, DCTERMS.title, Literal(title, lang="en"))
        return node

    def _scheme_of(self, uri: str) -> URIRef:
        titles = {
            **vocab.SCHEME_TITLES,
            uris.themes_scheme_uri(): "Themes of the portal",
            uris.places_scheme_uri(): "Places of Guatemala (INE codes)",
            "http://metadata.un.org/sdg": "Sustainable Development Goals",
        }
        return self.scheme(uri, titles.get(uri, uri))

    def concept(self, concept: vocab.Concept, *types: URIRef) -> URIRef:
        node = URIRef(concept.uri)
        if self._first_time(concept.uri):
            for kind in (SKOS.Concept, *types):
                self.add(node, RDF.type, kind)
            self.add(node, SKOS.prefLabel, Literal(concept.label, lang="en"))
            self.add(node, SKOS.inScheme, self._scheme_of(concept.scheme))
        return node

    def labelled_concept(self, uri: str, labels: dict[str, str], scheme: str) -> URIRef:
        node = URIRef(uri)
        if self._first_time(uri):
            self.add(node, RDF.type, SKOS.Concept)
            for language, label in labels.items():
                self.add(node, SKOS.prefLabel, Literal(label, lang=language))
            self.add(node, SKOS.inScheme, self._scheme_of(scheme))
        return node

    def document(self, url: str) -> URIRef:
        node = URIRef(url)
        self.add(node, RDF.type, FOAF.Document)
        return node

    def country(self) -> URIRef:
        node = self.concept(vocab.COUNTRY, DCTERMS.Location)
        return node

    def language(self, code: str) -> URIRef:
        return self.concept(vocab.LANGUAGES[code], DCTERMS.LinguisticSystem)

    # Dataset ------------------------------------------------------------------

    def dataset(self, dataset: Any, *, versions: list[Any] | None = None) -> URIRef:
        node = URIRef(uris.dataset_uri(dataset))
        self.add(node, RDF.type, DCAT.Dataset)
        self._texts(node, dataset)
        self.add(node, DCTERMS.identifier, Literal(str(dataset.pk)))
        for keyword in dataset.keywords:
            self.add(node, DCAT.keyword, Literal(keyword, lang="es"))
        self._themes(node, dataset)
        self.add(node, DCTERMS.publisher, self.publisher(dataset.publisher))
        self.add(node, DCAT.contactPoint, self.contact(dataset))
        self.add(node, DCTERMS.license, self.licence(dataset.licence))
        access = vocab.access_right(dataset.access_rights)
        self.add(
            node, DCTERMS.accessRights, self.concept(access, DCTERMS.RightsStatement)
        )
        self._coverage(node, dataset)
        self._dates(node, dataset)
        self.add(node, DCAT.landingPage, self.document(uris.dataset_page(dataset)))
        self.add(node, DCTERMS.language, self.language("es"))
        self._provenance(node, dataset)
        self._versions(node, dataset, versions)
        for file in dataset.live_distributions:
            self.add(node, DCAT.distribution, self.distribution(dataset, file))
        return node

    def _texts(self, node: URIRef, dataset: Any) -> None:
        self.add(node, DCTERMS.title, Literal(dataset.title, lang="es"))
        description = dataset.description or dataset.title
        self.add(node, DCTERMS.description, Literal(description, lang="es"))
        for language, texts in (dataset.translations or {}).items():
            if texts.get("title"):
                self.add(node, DCTERMS.title, Literal(texts["title"], lang=language))
            if texts.get("description"):
                text = Literal(texts["description"], lang=language)
                self.add(node, DCTERMS.description, text)

    def _themes(self, node: URIRef, dataset: Any) -> None:
        """EU data themes as dcat:theme; our local themes and SDG targets as
        dct:subject (they are not in the EU table)."""
        for theme in dataset.themes.all():
            eu_code = theme.eu_theme_id if theme.is_local else theme.code
            eu_theme = self.themes.get(eu_code)
            if eu_theme is not None:
                uri = vocab.theme(eu_code, "").uri
                self.add(
                    node,
                    DCAT.theme,
                    self.labelled_concept(uri, eu_theme.labels, vocab.EU_THEME),
                )
            if theme.is_local:
                local = self.labelled_concept(
                    uris.theme_uri(theme.code), theme.labels, uris.themes_scheme_uri()
                )
                self.add(local, SKOS.broadMatch, URIRef(vocab.theme(eu_code, "").uri))
                self.add(node, DCTERMS.subject, local)
        for target in dataset.sdg_targets:
            labels = {"en": f"SDG target {target}", "es": f"Meta ODS {target}"}
            sdg = self.labelled_concept(
                f"http://metadata.un.org/sdg/{target}",
                labels,
                "http://metadata.un.org/sdg",
            )
            self.add(node, DCTERMS.subject, sdg)

    def publisher(self, institution: Any) -> URIRef:
        node = URIRef(uris.institution_uri(institution))
        if not self._first_time(str(node)):
            return node
        self.add(node, RDF.type, FOAF.Agent)
        self.add(node, RDF.type, FOAF.Organization)
        self.add(node, FOAF.name, Literal(institution.name, lang="es"))
        self.add(
            node,
            SKOS.altLabel,
            Literal(institution.acronym) if institution.acronym else None,
        )
        if institution.website:
            self.add(node, FOAF.homepage, self.document(institution.website))
        if institution.email:
            self.add(node, FOAF.mbox, URIRef(f"mailto:{institution.email}"))
        self.add(
            node, DCTERMS.type, self.concept(vocab.publisher_type(institution.kind_id))
        )
        return node

    def contact(self, dataset: Any) -> BNode:
        """The dataset's contact, else its institution's."""
        institution = dataset.publisher
        node = BNode(f"contact-{dataset.pk}")
        self.add(node, RDF.type, VCARD.Organization)
        self.add(node, RDF.type, VCARD.Kind)
        name = dataset.contact_name or institution.name
        self.add(node, VCARD.fn, Literal(name))
        email = dataset.contact_email or institution.email
        if email:
            self.add(node, VCARD.hasEmail, URIRef(f"mailto:{email}"))
        if institution.phone and not dataset.contact_email:
            phone = "".join(c for c in institution.phone if c.isdigit() or c == "+")
            self.add(
                node, VCARD.hasTelephone, URIRef(f"tel:{phone}") if phone else None
            )
        if institution.website:
            self.add(node, VCARD.hasURL, URIRef(institution.website))
        return node

    def licence(self, licence: Any) -> URIRef | BNode:
        """The EU licence table's URI when there is one, else SPDX's, else a
        described blank node (for "other licence")."""
        uri = vocab.eu_licence_uri(licence.code) or vocab.spdx_licence_uri(licence.code)
        node: URIRef | BNode = URIRef(uri) if uri else BNode(f"licence-{licence.code}")
        if self._first_time(f"licence:{licence.code}"):
            self.add(node, RDF.type, DCTERMS.LicenseDocument)
            for language, label in licence.labels.items():
                self.add(node, RDFS.label, Literal(label, lang=language))
            if licence.url:
                self.add(node, SKOS.exactMatch, URIRef(licence.url))
            spdx = vocab.spdx_licence_uri(licence.code)
            if spdx and spdx != uri:
                self.add(node, SKOS.exactMatch, URIRef(spdx))
            self.add(node, DCTERMS.identifier, Literal(licence.code))
        return node

    def _coverage(self, node: URIRef, dataset: Any) -> None:
        for place in dataset.places.all():
            self.add(node, DCTERMS.spatial, self.place(place))
            if place.code == vocab.COUNTRY_CODE:
                self.add(node, DCTERMS.spatial, self.country())
        if dataset.temporal_start or dataset.temporal_end:
            period = BNode(f"period-{dataset.pk}")
            self.add(period, RDF.type, DCTERMS.PeriodOfTime)
            if dataset.temporal_start:
                self.add(
                    period,
                    DCAT.startDate,
                    Literal(dataset.temporal_start, datatype=XSD.date),
                )
            if dataset.temporal_end:
                self.add(
                    period,
                    DCAT.endDate,
                    Literal(dataset.temporal_end, datatype=XSD.date),
                )
            self.add(node, DCTERMS.temporal, period)
        if dataset.frequency_id:
            frequency = vocab.frequency(
                dataset.frequency.code,
                dataset.frequency.labels.get("en", dataset.frequency.code),
            )
            self.add(
                node,
                DCTERMS.accrualPeriodicity,
                self.concept(frequency, DCTERMS.Frequency),
            )

    def place(self, place: Any) -> URIRef:
        node = URIRef(uris.place_uri(place))
        if not self._first_time(str(node)):
            return node
        self.add(node, RDF.type, DCTERMS.Location)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(
            node, SKOS.prefLabel, Literal(place.labels.get("es", place.code), lang="es")
        )
        self.add(node, SKOS.notation, Literal(place.code))
        self.add(
            node,
            SKOS.inScheme,
            self.scheme(uris.places_scheme_uri(), "Places of Guatemala (INE codes)"),
        )
        if place.parent_id and place.parent is not None:
            self.add(node, SKOS.broader, URIRef(uris.place_uri(place.parent)))
        if place.code == vocab.COUNTRY_CODE:
            self.add(node, SKOS.exactMatch, URIRef(vocab.COUNTRY.uri))
        return node

    def _dates(self, node: URIRef, dataset: Any) -> None:
        if dataset.issued:
            self.add(
                node, DCTERMS.issued, Literal(dataset.issued, datatype=XSD.dateTime)
            )
        if dataset.modified:
            self.add(
                node, DCTERMS.modified, Literal(dataset.modified, datatype=XSD.dateTime)
            )

    def _provenance(self, node: URIRef, dataset: Any) -> None:
        if dataset.conforms_to:
            standard = URIRef(dataset.conforms_to)
            self.add(standard, RDF.type, DCTERMS.Standard)
            self.add(node, DCTERMS.conformsTo, standard)
        statements = []
        if dataset.source_url:
            statements.append(f"Originally published at {dataset.source_url}")
            self.add(node, FOAF.page, self.document(dataset.source_url))
        if dataset.legal_basis:
            statements.append(f"Legal basis: {dataset.legal_basis}")
        for n, text in enumerate(statements):
            statement = BNode(f"provenance-{dataset.pk}-{n}")
            self.add(statement, RDF.type, DCTERMS.ProvenanceStatement)
            self.add(statement, RDFS.label, Literal(text))
            self.add(node, DCTERMS.provenance, statement)

    def _versions(self, node: URIRef, dataset: Any, versions: list[Any] | None) -> None:
        if not versions:
            return
        latest = versions[0]
        self.add(node, DCAT.version, Literal(str(latest.number)))
        self.add(node, ADMS.versionNotes, Literal(latest.get_kind_display()))
        for version in versions:
            page = URIRef(uris.version_page(dataset, version.number))
            self.add(node, DCAT.hasVersion, page)
            self.add(page, DCAT.version, Literal(str(version.number)))
            self.add(
                page, DCTERMS.issued, Literal(version.created_at, datatype=XSD.dateTime)
            )

    # Distribution -------------------------------------------------------------

    def distribution(self, dataset: Any, file: Any) -> URIRef:
        node = URIRef(uris.distribution_uri(dataset, file))
        self.add(node, RDF.type, DCAT.Distribution)
        self.add(node, DCTERMS.title, Literal(file.title, lang="es"))
        self.add(
            node,
            DCTERMS.description,
            Literal(file.description or file.title, lang="es"),
        )
        self.add(node, DCTERMS.license, self.licence(dataset.licence))
        self.add(node, DCATAP.availability, self.concept(STABLE))
        self.add(node, DCTERMS.issued, Literal(file.created_at, datatype=XSD.dateTime))
        revision = file.current_revision
        changed = revision.created_at if revision else file.updated_at
        self.add(node, DCTERMS.modified, Literal(changed, datatype=XSD.dateTime))
        self._file_format(node, file, revision)
        if revision is None:
            self.add(
                node,
                DCAT.accessURL,
                URIRef(file.access_url or uris.dataset_page(dataset)),
            )
            return node
        download = URIRef(uris.absolute(file.get_latest_url()))
        self.add(node, DCAT.accessURL, download)
        self.add(node, DCAT.downloadURL, download)
        self.add(
            node,
            DCAT.byteSize,
            Literal(revision.byte_size, datatype=XSD.nonNegativeInteger),
        )
        self.add(node, SPDX.checksum, self._checksum(revision.sha256))
        for table in self.tables.get(file.pk, []):
            schema = URIRef(uris.table_schema(dataset, table))
            self.add(schema, RDF.type, DCTERMS.Standard)
            self.add(schema, DCTERMS.title, Literal(f"Table Schema: {table.name}"))
            self.add(node, DCTERMS.conformsTo, schema)
            self.add(node, FOAF.page, self.document(uris.table_page(dataset, table)))
        return node

    def _file_format(self, node: URIRef, file: Any, revision: Any) -> None:
        code = (revision.format if revision else "") or file.format
        media_type = (revision.media_type if revision else "") or file.media_type
        file_type = vocab.file_type(code)
        if file_type is not None:
            self.add(
                node, DCTERMS.format, self.concept(file_type, DCTERMS.MediaTypeOrExtent)
            )
        iana = vocab.media_type_uri(media_type)
        if iana is not None:
            media = URIRef(iana)
            self.add(media, RDF.type, DCTERMS.MediaType)
            self.add(node, DCAT.mediaType, media)

    def _checksum(self, sha256: str) -> BNode | None:
        if not sha256:
            return None
        node = BNode(f"checksum-{sha256[:32]}")
        algorithm = SPDX.checksumAlgorithm_sha256
        self.add(node, RDF.type, SPDX.Checksum)
        self.add(node, SPDX.algorithm, algorithm)
        self.add(algorithm, RDF.type, SPDX.ChecksumAlgorithm)
        self.add(
            node, SPDX.checksumValue, Literal(sha256.lower(), datatype=XSD.hexBinary)
        )
        return node
