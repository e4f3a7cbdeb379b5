"""Reading a tagged PDF back with pikepdf: the text each page draws (decoded through the
fonts' ToUnicode maps) with the marked content it sits in, and the structure tree walked in
reading order. A support module for the tagging tests (importable: this folder is on
sys.path)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pikepdf


@dataclass
class Shown:
    """One text-showing operator."""

    page: int  # 0-based
    text: str
    artifact: bool
    mcid: int | None  # the innermost enclosing MCID, if any
    tag: str  # the innermost marked-content tag


@dataclass
class Node:
    role: str
    alt: str = ""
    attributes: dict = field(default_factory=dict)
    kids: list = field(default_factory=list)  # Node | (page, mcid) | ("OBJR", page)
    page: int | None = None
    lang: str = ""


def _cmap(stream: pikepdf.Stream) -> dict[int, str]:
    out: dict[int, str] = {}
    text = stream.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                      block):
            start = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i)
    return out


class TaggedPdf:
    def __init__(self, data: bytes) -> None:
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.page_index = {p.objgen: i for i, p in enumerate(self.pdf.pages)}
        self.maps: dict[tuple, dict[int, str]] = {}
        self.shown: list[Shown] = []
        for i, page in enumerate(self.pdf.pages):
            self._read_page(i, page)

    # -- fonts ----------------------------------------------------------------------------
    def fonts(self) -> list[pikepdf.Dictionary]:
        seen, out = set(), []
        for page in self.pdf.pages:
            for _, font in page.Resources.get("/Font", {}).items():
                if font.objgen not in seen:
                    seen.add(font.objgen)
                    out.append(font)
        return out

    @staticmethod
    def embedded_with_unicode(font: pikepdf.Dictionary) -> bool:
        desc = font.get("/FontDescriptor")
        embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2",
                                                                 "/FontFile3"))
        return embedded and "/ToUnicode" in font

    # -- content ----------------------------------------------------------------------------
    def _read_page(self, index: int, page: pikepdf.Page) -> None:
        fonts = page.Resources.get("/Font", {})
        current: dict[int, str] = {}
        stack: list[tuple[str, int | None]] = []
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name == "BDC":
                props = operands[1]
                mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and \
                    "/MCID" in props else None
                stack.append((str(operands[0]), mcid))
            elif name == "BMC":
                stack.append((str(operands[0]), None))
            elif name == "EMC":
                stack.pop()
            elif name == "Tf":
                font = fonts[str(operands[0])]
                key = font.objgen
                if key not in self.maps:
                    self.maps[key] = _cmap(font.ToUnicode) if "/ToUnicode" in font else {}
                current = self.maps[key]
            elif name in ("Tj", "'", '"', "TJ"):
                strings = operands[-1] if name != "TJ" else [
                    s for s in operands[0] if isinstance(s, pikepdf.String)]
                if isinstance(strings, pikepdf.String):
                    strings = [strings]
                text = "".join(current.get(b, "\ufffd") for s in strings for b in bytes(s))
                artifact = any(tag == "/Artifact" for tag, _ in stack)
                mcid = next((m for _, m in reversed(stack) if m is not None), None)
                tag = stack[-1][0] if stack else ""
                self.shown.append(Shown(index, text, artifact, mcid, tag))

    def text_of(self, page: int, mcid: int) -> str:
        return "".join(s.text for s in self.shown if s.page == page and s.mcid == mcid
                       and not s.artifact)

    # -- structure ----------------------------------------------------------------------------
    def tree(self) -> Node:
        root = self.pdf.Root.StructTreeRoot
        top = Node("StructTreeRoot")
        for k in _as_list(root.K):
            top.kids.append(self._node(k, None))
        return top

    def _node(self, d: pikepdf.Dictionary, page: int | None) -> Node:
        if "/Pg" in d:
            page = self.page_index[d.Pg.objgen]
        attrs = {}
        if "/A" in d:
            attrs = {str(k): v for k, v in d.A.items()}
        node = Node(str(d.S)[1:], str(d.get("/Alt", "")), attrs, page=page,
                    lang=str(d.get("/Lang", "")))
        for k in _as_list(d.get("/K")):
            if isinstance(k, int):
                node.kids.append((page, int(k)))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                node.kids.append((self.page_index[k.Pg.objgen], int(k.MCID)))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                node.kids.append(("OBJR", self.page_index[k.Pg.objgen]))
            elif isinstance(k, pikepdf.Dictionary):
                node.kids.append(self._node(k, page))
        return node

    def reading_text(self, node: Node | None = None, *, alt: bool = True) -> str:
        """The tree's text in reading order (a Figure reads as its Alt, unless alt=False)."""
        node = node or self.tree()
        if node.role == "Figure" and alt:
            return node.alt
        out = []
        for k in node.kids:
            if isinstance(k, Node):
                out.append(self.reading_text(k, alt=alt))
            elif k[0] != "OBJR":
                out.append(self.text_of(*k))
        return "".join(out)

    def marked_refs(self, node: Node | None = None) -> set[tuple[int, int]]:
        node = node or self.tree()
        out = set()
        for k in node.kids:
            if isinstance(k, Node):
                out |= self.marked_refs(k)
            elif k[0] != "OBJR":
                out.add(k)
        return out

    def marked_refs_in_order(self, node: Node | None = None) -> list[tuple[int, int]]:
        node = node or self.tree()
        out: list[tuple[int, int]] = []
        for k in node.kids:
            if isinstance(k, Node):
                out += self.marked_refs_in_order(k)
            elif k[0] != "OBJR":
                out.append(k)
        return out

    def walk(self, node: Node | None = None):
        node = node or self.tree()
        yield node
        for k in node.kids:
            if isinstance(k, Node):
                yield from self.walk(k)


def _as_list(obj) -> list:
    if obj is None:
        return []
    if isinstance(obj, pikepdf.Array):
        return list(obj)
    return [obj]
