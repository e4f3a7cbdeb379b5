"""Data returns: one workbook per lead organisation for a meeting, with what is due, read
back by the importer (which records the sender and sign-off as provenance)."""

TEMPLATE_VERSION = "1"
ID_SHEET = "_boardpack"  # the hidden sheet identifying the plan, template and rows
FIGURES_SHEET = "Figures"
COVER_SHEET = "Cover"
