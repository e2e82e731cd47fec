"""The fixed document-type taxonomy: keys, Dutch labels and TOOI documentsoort where one exists."""
from __future__ import annotations

from dataclasses import dataclass

TOOI_PREFIX = "https://identifier.overheid.nl/tooi/def/thes/kern/"


@dataclass(frozen=True)
class DocType:
    key: str
    label: str
    tooi: str | None  # TOOI documentsoort code, without prefix

    @property
    def tooi_uri(self) -> str | None:
        return TOOI_PREFIX + self.tooi if self.tooi else None


DOC_TYPES: dict[str, DocType] = {
    t.key: t
    for t in (
        DocType("raadsbesluit", "Raadsbesluit", "c_465163c9"),
        DocType("raadsvoorstel", "Raadsvoorstel", "c_0e425c23"),
        DocType("collegebesluit", "Collegebesluit", "c_465163c9"),
        DocType("mandaatbesluit", "Mandaatbesluit", "c_465163c9"),
        DocType("sociaal_statuut", "Sociaal statuut", "c_465163c9"),
        DocType("sociaal_plan", "Sociaal plan", "c_465163c9"),
        DocType("nota", "Nota", "c_9376c730"),
        DocType("gemeenschappelijke_regeling", "Gemeenschappelijke regeling", "c_465163c9"),
        DocType("dienstverleningsovereenkomst", "Dienstverleningsovereenkomst", None),
        DocType("bedrijfsplan", "Bedrijfsplan", "c_5b1055aa"),
        DocType("verordening", "Verordening", "c_465163c9"),
        DocType("convenant", "Convenant", "c_386e74cb"),
        DocType("vergaderstuk", "Vergaderstuk", "c_f90465b3"),
        DocType("rapport", "Rapport", "c_6f49bf34"),
        DocType("herindeling", "Herindeling", None),
        DocType("overig", "Overig", None),
    )
}


def type_label(key: str | None) -> str:
    if not key:
        return "Onbekend"
    doc_type = DOC_TYPES.get(key)
    return doc_type.label if doc_type else key
