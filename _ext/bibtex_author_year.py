"""Sphinx extension: bibliography labels in author-year form ("Broder, 1997"), the same
form as the book's citations (``bibtex_reference_style: author_year``), instead of pybtex's
alpha labels ("[Bro97]"). Enabled in ``_config.yml`` (``bibtex_default_style``)."""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


def _name(person) -> str:
    return " ".join(part.strip("{}") for part in person.last_names) or str(person).strip("{}")


class AuthorYearLabelStyle(BaseLabelStyle):
    """"Broder, 1997", "Clough et al., 2002", "CNN, 2024"."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            persons = entry.persons.get("author", [])
            if len(persons) == 0:
                names = entry.fields.get("organization", entry.key)
            elif len(persons) == 1:
                names = _name(persons[0])
            elif len(persons) == 2:
                names = f"{_name(persons[0])} and {_name(persons[1])}"
            else:
                names = f"{_name(persons[0])} et al."
            yield f"{names}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearStyle(PlainStyle):
    """pybtex's plain style with author-year labels."""

    default_label_style = AuthorYearLabelStyle


def setup(app):
    register_plugin("pybtex.style.labels", "author_year_labels", AuthorYearLabelStyle)
    register_plugin("pybtex.style.formatting", "plain_author_year", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
