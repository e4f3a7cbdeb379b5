"""Tagged PDF (PDF/UA-1) on top of reportlab's canvas, which writes no structure of its own.

A `Tagger` lives on the canvas. Flowables ask it for structure elements (P, H1, Table, TD,
Figure, ...) under the element currently open, and wrap what they draw in marked content
(`/P <</MCID n>> BDC … EMC`); page furniture is wrapped as `/Artifact`. When the canvas is
saved, `write` turns the elements into the structure tree (StructTreeRoot, ParentTree,
/StructParents on every page), and sets the catalog entries PDF/UA asks for: MarkInfo,
ViewerPreferences/DisplayDocTitle and XMP metadata with pdfuaid:part 1.

Everything is numbered in drawing order, so the same document gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

_PAGE_KEYS = ("StructParents", "Tabs")


@dataclass(eq=False)
class MarkRef:
    page: int  # 0-based page index
    mcid: int


@dataclass(eq=False)
class ObjRef:
    page: int
    annotation: Any  # reportlab's annotation (LinkAnnotation or PDFDictionary)
    owner: Element  # the Link element it belongs to


@dataclass(eq=False)
class Element:
    role: str
    parent: Element | None
    kids: list[Element | MarkRef | ObjRef] = field(default_factory=list)
    alt: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)  # /A, e.g. Scope or BBox
    lang: str = ""  # where the element's language is not the document's


class Tagger:
    """The structure of one PDF as it is drawn."""

    def __init__(self) -> None:
        self.root = Element("Document", None)
        self.stack: list[Element] = [self.root]
        self.keyed: dict[object, Element] = {}
        self.page = 0
        self.marks: list[list[Element]] = [[]]  # per page: element of each MCID
        self.objrefs: list[ObjRef] = []
        self._in_artifact = 0
        self._open: list[bool] = []

    # -- elements ------------------------------------------------------------------------
    @property
    def current(self) -> Element:
        return self.stack[-1]

    def element(self, role: str, key: object = None, *, parent: Element | None = None,
                alt: str = "", **attributes: Any) -> Element:
        """A new element under `parent` (default: the one open); with a key, the element made
        for that key before (a paragraph or table continued on the next page)."""
        if key is not None and key in self.keyed:
            return self.keyed[key]
        owner = parent or self.current
        e = Element(role, owner, alt=alt, attributes=dict(attributes))
        owner.kids.append(e)
        if key is not None:
            self.keyed[key] = e
        return e

    @contextmanager
    def inside(self, e: Element) -> Iterator[Element]:
        """Elements made while this is open go under `e`."""
        self.stack.append(e)
        try:
            yield e
        finally:
            self.stack.pop()

    # -- marked content ------------------------------------------------------------------
    def begin_marked(self, canv, e: Element) -> None:
        """What is drawn until end_marked is `e`'s content (nothing, inside an artifact)."""
        if self._in_artifact:
            self._open.append(False)
            return
        marks = self.marks[self.page]
        mcid = len(marks)
        marks.append(e)
        e.kids.append(MarkRef(self.page, mcid))
        canv._code.append(f"/{e.role} <</MCID {mcid}>> BDC")
        self._open.append(True)

    def end_marked(self, canv) -> None:
        if self._open.pop():
            canv._code.append("EMC")

    def begin_artifact(self, canv, kind: str = "Layout", subtype: str = "") -> None:
        """What is drawn until end_artifact is furniture, not content."""
        self._in_artifact += 1
        if self._in_artifact > 1:
            return
        props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        canv._code.append(f"/Artifact <<{props}>> BDC")

    def end_artifact(self, canv) -> None:
        self._in_artifact -= 1
        if not self._in_artifact:
            canv._code.append("EMC")

    @contextmanager
    def marked(self, canv, e: Element) -> Iterator[None]:
        self.begin_marked(canv, e)
        try:
            yield
        finally:
            self.end_marked(canv)

    @contextmanager
    def artifact(self, canv, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
        self.begin_artifact(canv, kind, subtype)
        try:
            yield
        finally:
            self.end_artifact(canv)

    def annotations_since(self, canv, start: int, e: Element, contents: str) -> None:
        """Tag the link annotations added to the page since `start` as Link elements of `e`,
        each described by `contents` where it has no description of its own."""
        if self._in_artifact:
            return
        for ref in canv._annotationrefs[start:]:
            ann = canv._doc.idToObject[ref.name]
            link = self.element("Link", parent=e)
            obj = ObjRef(self.page, ann, link)  # its key is numbered after the pages
            self.objrefs.append(obj)
            link.kids.append(obj)
            _describe(ann, contents)

    def next_page(self) -> None:
        self.page += 1
        self.marks.append([])

    # -- the structure tree ----------------------------------------------------------------
    def write(self, canv, *, title: str, lang: str, created: str, producer: str) -> None:
        """Add the structure tree and the catalog entries to the canvas's document; call
        once, just before reportlab formats it (at save)."""
        doc = canv._doc
        pages = doc.Pages.pages
        page_refs = [pdfdoc.PDFObjectReference(f"Page{i + 1}") for i in range(len(pages))]
        dicts: dict[int, PDFDictionary] = {}
        refs: dict[int, Any] = {}
        order: list[Element] = []

        def register(e: Element) -> None:
            d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(e.role)})
            dicts[id(e)] = d
            refs[id(e)] = doc.Reference(d)
            order.append(e)
            for k in e.kids:
                if isinstance(k, Element):
                    register(k)

        self._prune(self.root)
        register(self.root)
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root)
        n_pages = len(pages)
        for e in order:
            d = dicts[id(e)]
            d["P"] = refs[id(e.parent)] if e.parent else root_ref
            first = _first_page(e)
            if first is not None and first < n_pages:
                d["Pg"] = page_refs[first]
            kids = []
            for k in e.kids:
                if isinstance(k, Element):
                    kids.append(refs[id(k)])
                elif isinstance(k, MarkRef):
                    kids.append(k.mcid if k.page == first else PDFDictionary(
                        {"Type": PDFName("MCR"), "Pg": page_refs[k.page], "MCID": k.mcid}))
                else:
                    kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": page_refs[k.page],
                                               "Obj": _annotation_ref(k.annotation)}))
            d["K"] = kids[0] if len(kids) == 1 and isinstance(kids[0], int) else PDFArray(kids)
            if e.alt:
                d["Alt"] = PDFString(e.alt)
            if e.lang:
                d["Lang"] = PDFString(e.lang)
            if e.attributes:
                d["A"] = PDFDictionary({"O": PDFName(e.attributes.get("O", "Table")), **{
                    k: v for k, v in e.attributes.items() if k != "O"}})
        nums: list[Any] = []
        for i in range(n_pages):
            marks = self.marks[i] if i < len(self.marks) else []
            nums += [i, PDFArray([refs[id(e)] for e in marks])]
            page = pages[i]
            page.__NoDefault__ = [*page.__NoDefault__, *_PAGE_KEYS]
            page.StructParents = i
            page.Tabs = PDFName("S")
        for n, obj in enumerate(self.objrefs):
            key = n_pages + n
            nums += [key, refs[id(obj.owner)]]
            _set_struct_parent(obj.annotation, key)
        tree = PDFDictionary({"Nums": PDFArray(nums)})
        root["K"] = PDFArray([refs[id(self.root)]])
        root["ParentTree"] = doc.Reference(tree)
        root["ParentTreeNextKey"] = n_pages + len(self.objrefs)
        cat = doc.Catalog
        cat.StructTreeRoot = root
        cat.MarkInfo = PDFDictionary({"Marked": "true"})
        cat.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
        cat.Metadata = _xmp(title, lang, created, producer)

    def _prune(self, e: Element) -> None:
        """Drop elements that ended up with no content (a cell left empty)."""
        kept: list[Element | MarkRef | ObjRef] = []
        for k in e.kids:
            if isinstance(k, Element):
                self._prune(k)
                if not k.kids and not k.alt and k.role not in ("TD", "TH"):
                    continue
            kept.append(k)
        e.kids = kept


def _first_page(e: Element) -> int | None:
    for k in e.kids:
        if isinstance(k, MarkRef | ObjRef):
            return k.page
    return None


def _annotation_ref(ann) -> Any:
    return pdfdoc.PDFObjectReference(ann.__InternalName__)


def _describe(ann, contents: str) -> None:
    if isinstance(ann, PDFDictionary):  # a web link (reportlab's linkURL)
        if not str(ann.dict.get("Contents", "")).strip():
            action = ann.dict.get("A")
            uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
            target = getattr(uri, "s", None)
            ann["Contents"] = PDFString(f"Link to {target}" if target else contents)
    elif not (getattr(ann, "Contents", "") or "").strip():
        ann.Contents = contents


def _set_struct_parent(ann, key: int) -> None:
    if isinstance(ann, PDFDictionary):
        ann["StructParent"] = key
    else:
        ann.permitted = (*ann.permitted, "StructParent")
        ann.otherkw["StructParent"] = key


def _xmp(title: str, lang: str, created: str, producer: str) -> pdfdoc.PDFStream:
    """The XMP packet: title, language, dates and the PDF/UA-1 claim (pdfuaid:part 1)."""
    from xml.sax.saxutils import escape

    stamp = f"{created}+00:00" if created else ""
    dates = (f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}"
             "</xmp:ModifyDate>") if stamp else ""
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt>'
        f'</dc:title><dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag>'
        f"</dc:language><pdf:Producer>{escape(producer)}</pdf:Producer>{dates}"
        "<pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>')
    return pdfdoc.PDFStream(PDFDictionary({"Type": PDFName("Metadata"),
                                           "Subtype": PDFName("XML")}),
                            xml.encode("utf-8"), filters=[])
