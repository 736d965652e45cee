"""PDF/X identification: the output intent and keys a print shop's preflight
looks for (PDF/X-4 and PDF/X-1a:2003).

In:  a pypdf writer holding the imposed sheets, the profile's PDF/X version,
     its output intent, the title, and the date to stamp.
Out: the same writer with the PDF header version, /OutputIntents (with the
     embedded CMYK ICC profile), /GTS_PDFXVersion, /Trapped, dates and, for
     PDF/X-4, XMP metadata saying the same.

Colour (CMYK only), boxes and fonts are made right upstream and checked by
``check.preflight``; this module only labels the file.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..buildcontext import remembered
from ..privateapi import add_object, info_dictionary
from ..profiles import OutputIntent

if TYPE_CHECKING:  # pypdf is imported when a file is labelled (build_date needs none of it)
    from pypdf import PdfWriter

PDF_VERSION = {"PDF/X-4": b"%PDF-1.6", "PDF/X-1a:2003": b"%PDF-1.4"}


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today at 00:00 UTC,
    so rebuilding the same inputs on the same day gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    now = datetime.now(timezone.utc)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


@remembered
def _icc(path: Path) -> bytes:
    return path.read_bytes()


def finish_pdfx(writer: PdfWriter, version: str, intent: OutputIntent, title: str, when: datetime | None = None,
                file_id: bytes = b"") -> None:
    """``file_id``: the digest the file's trailer /ID is made of; the XMP
    document and instance ids are made from it, so every file has its own
    and the same inputs give the same ones."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject

    when = when or build_date()
    pdf_date = when.strftime("D:%Y%m%d%H%M%SZ")
    writer.pdf_header = PDF_VERSION[version]

    icc = StreamObject()
    icc.set_data(_icc(intent.profile))
    icc[NameObject("/N")] = NumberObject(4)
    icc = icc.flate_encode()
    output_intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(intent.identifier),
        NameObject("/OutputCondition"): TextStringObject(intent.condition),
        NameObject("/RegistryName"): TextStringObject(intent.registry),
        NameObject("/Info"): TextStringObject(intent.info),
        NameObject("/DestOutputProfile"): add_object(writer, icc),
    })
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([add_object(writer, output_intent)])

    info = {"/Title": title, "/GTS_PDFXVersion": version, "/CreationDate": pdf_date, "/ModDate": pdf_date}
    if version == "PDF/X-1a:2003":
        info["/GTS_PDFXConformance"] = version
    writer.add_metadata(info)
    info_dictionary(writer)[NameObject("/Trapped")] = NameObject("/False")
    if version == "PDF/X-4" or "/StructTreeRoot" in writer.root_object:
        add_xmp(writer, version, title, when, file_id)


def add_xmp(writer: PdfWriter, version: str | None, title: str, when: datetime | None = None,
            file_id: bytes = b"") -> None:
    """XMP saying what the document info says (validators compare the two):
    for PDF/X-4 its version (``version``), and for a tagged file (one with a
    StructTreeRoot) that it is PDF/UA-1."""
    from xml.sax.saxutils import escape

    when = when or build_date()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    info = writer.metadata or {}
    author = info.get("/Author")
    subject = info.get("/Subject")
    extra = ""
    if author:
        extra += f"\n   <dc:creator><rdf:Seq><rdf:li>{escape(str(author))}</rdf:li></rdf:Seq></dc:creator>"
    if subject:
        extra += f'\n   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(str(subject))}</rdf:li></rdf:Alt></dc:description>'

    # Ids of this file's own, from its content: another language, layout or
    # profile gets others; the same inputs the same ones.
    seed = file_id + f"|{title}|{version or ''}|{stamp}".encode()
    document_id = uuid.UUID(bytes=hashlib.md5(seed + b"|document").digest())
    instance_id = uuid.UUID(bytes=hashlib.md5(seed + b"|instance").digest())
    # A print file is dated (PDF/X wants the dates, and the same in the
    # document info); a home file is not, so it is the same from day to day.
    dates = "".join(f"   <xmp:{key}>{stamp}</xmp:{key}>\n" for key in ("CreateDate", "ModifyDate", "MetadataDate")) \
        if version else ""
    ids = f"   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>\n" if version else ""
    if "/StructTreeRoot" in writer.root_object:
        ids += "   <pdfuaid:part>1</pdfuaid:part>\n"
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>{extra}
   <dc:format>application/pdf</dc:format>
{dates}   <xmp:CreatorTool>pamphlet</xmp:CreatorTool>
   <pdf:Producer>pamphlet</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
{ids}  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    _put_packet(writer, packet.encode("utf-8"))


def _put_packet(writer: PdfWriter, packet: bytes) -> None:
    """The document's one XMP stream: written anew, or where tagging wrote
    one already, rewritten (a second stream would be one nothing reads)."""
    from pypdf.generic import NameObject, StreamObject

    written = writer.root_object.get("/Metadata")
    if written is not None:
        written.get_object().set_data(packet)
        return
    stream = StreamObject()
    stream.set_data(packet)  # uncompressed, as XMP readers expect
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = add_object(writer, stream)
