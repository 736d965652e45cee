"""PDF art in CMYK: a form XObject's content and resources with every colour
converted for a print shop, or the reason it cannot be.

In:  the art's content stream and its resources (already copied into the
     output), and a ``VectorColours`` converter.
Out: the new content stream; the resources are converted in place. Raises
     ``NotConvertible`` naming what cannot be converted.

What is converted, through the same converter as SVG art and logos (palette
colours take the brand's CMYK, greys go on K alone, the rest through the
output intent's ICC profile):

* colour operators: ``rg``/``RG`` and ``g``/``G`` become ``k``/``K``;
  ``cs``/``CS`` of an RGB or grey space (device, calibrated, ICC-based)
  become ``/DeviceCMYK`` and their ``sc``/``scn``/``SC``/``SCN`` values are
  converted; CMYK and ``/Separation /All`` (registration) stay;
* colour spaces in the resources, an indexed space's lookup table, and a
  ``[/Pattern base]`` space's base;
* gradients (axial, radial and function shadings whose function is an
  exponential one, or a stitching of them): their end colours; the
  gradient then runs between the converted colours;
* images (any colour space but CMYK, decoded by pypdf, converted by
  ``rastercolour.image_for_output``); tiling patterns, shading patterns and forms
  inside the art, recursively.

Refused: Lab and spot colours, mesh gradients and gradients of sampled or
PostScript functions, RGB or grey inline images, colour-key masks, soft
masks in the graphics state; for PDF/X-1a also transparency (opacity,
blend modes, images with soft masks).
"""

from __future__ import annotations

import zlib

from .vectorcolour import NotConvertible, VectorColours

_DEPTH = 16  # forms and patterns nested deeper than this are refused (a form that draws itself)


def convert_content(data: bytes, resources, colours: VectorColours, writer) -> bytes:
    """The content stream ``data`` (using ``resources``, converted here in
    place) with its colours in CMYK."""
    return Converter(colours, writer).convert(data, resources)


class Converter:
    """Converts content streams of one output file (the pages of a PDF made
    elsewhere, for ``impose``): objects they share are converted once."""

    def __init__(self, colours: VectorColours, writer):
        self.colours = colours
        self.writer = writer
        self.done: set[int] = set()  # ids of objects converted already (shared between forms)
        # What each named colour space was before its resources were converted
        # (id of the /ColorSpace dictionary, name): the content that names it
        # is read after, and its colour values are converted by that kind.
        self.named: dict[tuple[int, str], str] = {}

    def convert(self, data: bytes, resources) -> bytes:
        return self.content(data, resources, 0)

    # --- content streams -------------------------------------------------

    def content(self, data: bytes, resources, depth: int) -> bytes:
        from pypdf.generic import ContentStream, DecodedStreamObject, FloatObject, NameObject

        if depth > _DEPTH:
            raise NotConvertible("forms nested more than 16 deep", "expected art whose forms do not draw themselves")
        resources = resources.get_object() if resources is not None else None
        if resources is not None:
            self.resources(resources, depth)
        source = DecodedStreamObject()
        source.set_data(data)
        stream = ContentStream(source, self.writer)
        numbers = lambda values: [FloatObject(round(v, 4)) for v in values]  # noqa: E731
        fill = stroke = "cmyk"  # a form draws in the colour space of the page around it: CMYK
        stack: list[tuple[str, str]] = []
        out = []
        for operands, operator in stream.operations:
            op = operator.decode("latin-1") if isinstance(operator, bytes) else operator
            if op == "q":
                stack.append((fill, stroke))
            elif op == "Q" and stack:
                fill, stroke = stack.pop()
            elif op in ("rg", "RG"):
                operands, operator = numbers(self.colours.cmyk(tuple(float(v) for v in operands[:3]))), \
                    (b"k" if op == "rg" else b"K")
            elif op in ("g", "G"):
                operands, operator = numbers(self.colours.grey(float(operands[0]))), (b"k" if op == "g" else b"K")
            elif op in ("cs", "CS"):
                kind = self.space_kind(operands[0], resources)
                if kind in ("rgb", "grey", "cmyk"):
                    operands = [NameObject("/DeviceCMYK")]
                if op == "cs":
                    fill = kind
                else:
                    stroke = kind
            elif op in ("sc", "scn", "SC", "SCN"):
                kind = fill if op in ("sc", "scn") else stroke
                operands = self.colour_operands(kind, operands)
            elif op == "INLINE IMAGE":
                self.inline_image(operands["settings"])
            out.append((operands, operator))
        stream.operations = out
        return stream.get_data()

    def colour_operands(self, kind: str, operands: list) -> list:
        from pypdf.generic import FloatObject, NameObject

        values = [float(v) for v in operands if not isinstance(v, NameObject)]
        pattern = [v for v in operands if isinstance(v, NameObject)]
        base = kind.split(":", 1)[1] if kind.startswith("pattern:") else kind
        if base == "rgb" and len(values) == 3:
            values = list(self.colours.cmyk(tuple(values)))
        elif base == "grey" and len(values) == 1:
            values = list(self.colours.grey(values[0]))
        return [FloatObject(round(v, 4)) for v in values] + pattern

    def inline_image(self, settings) -> None:
        if settings.get("/IM") or settings.get("/ImageMask"):
            return  # a stencil: painted in the fill colour
        space = settings.get("/CS", settings.get("/ColorSpace"))
        if str(space) not in ("/CMYK", "/DeviceCMYK"):
            raise NotConvertible(f"an inline image in {space}", "expected the art's images as image objects, or in CMYK")

    # --- colour spaces -----------------------------------------------------

    def space_kind(self, space, resources) -> str:
        """rgb, grey, cmyk, all (registration), pattern or pattern:<base>; other spaces refused."""
        from pypdf.generic import ArrayObject, NameObject

        space = space.get_object()
        if isinstance(space, NameObject):
            device = {"/DeviceRGB": "rgb", "/RGB": "rgb", "/DeviceGray": "grey", "/G": "grey",
                      "/DeviceCMYK": "cmyk", "/CMYK": "cmyk", "/Pattern": "pattern"}.get(str(space))
            if device:
                return device
            spaces = (resources or {}).get("/ColorSpace")
            spaces = spaces.get_object() if spaces is not None else {}
            known = self.named.get((id(spaces), str(space)))
            if known is not None:
                return known
            named = spaces.get(space)
            if named is None:
                raise NotConvertible(f"colour space {space}, which the art does not define", "expected a defined colour space")
            return self.space_kind(named, resources)
        if not isinstance(space, ArrayObject) or not space:
            raise NotConvertible(f"colour space {space!r}", "expected RGB, grey or CMYK")
        family = str(space[0])
        if family == "/ICCBased":
            n = int(space[1].get_object().get("/N", 0))
            if n in (1, 3, 4):
                return {1: "grey", 3: "rgb", 4: "cmyk"}[n]
        if family == "/CalRGB":
            return "rgb"
        if family == "/CalGray":
            return "grey"
        if family == "/Separation" and str(space[1]) == "/All":
            return "all"
        if family == "/Pattern":
            return "pattern" if len(space) == 1 else "pattern:" + self.space_kind(space[1], resources)
        if family == "/Indexed":
            return "indexed"
        if family == "/Lab":
            raise NotConvertible("Lab colour", "expected RGB, grey or CMYK colours in the art (convert it to CMYK first)")
        if family in ("/Separation", "/DeviceN"):
            raise NotConvertible(f"a spot colour ({family[1:]} {space[1]})",
                                 "expected process colours only (CMYK), or RGB to convert")
        raise NotConvertible(f"colour space {family}", "expected RGB, grey or CMYK")

    def converted_space(self, space, resources):
        """A colour space object in CMYK (the space itself when already CMYK)."""
        from pypdf.generic import ArrayObject, ByteStringObject, NameObject, NumberObject

        kind = self.space_kind(space, resources)
        if kind in ("rgb", "grey", "cmyk"):
            return NameObject("/DeviceCMYK")
        resolved = space.get_object()
        if kind.startswith("pattern:"):
            return ArrayObject([NameObject("/Pattern"), NameObject("/DeviceCMYK")])
        if kind == "indexed":
            base = self.space_kind(resolved[1], resources)
            if base not in ("rgb", "grey", "cmyk"):
                raise NotConvertible(f"an indexed colour space on {base}", "expected an RGB, grey or CMYK palette")
            high = int(resolved[2])
            table = resolved[3].get_object()
            table = table.get_data() if hasattr(table, "get_data") else bytes(table)
            if base != "cmyk":
                width = 3 if base == "rgb" else 1
                entries = [tuple(table[i * width:(i + 1) * width]) for i in range(high + 1)]
                table = b"".join(bytes(round(v * 255) for v in self.colours.cmyk(
                    tuple(c / 255 for c in (e if width == 3 else e * 3)))) for e in entries)
            return ArrayObject([NameObject("/Indexed"), NameObject("/DeviceCMYK"), NumberObject(high),
                                ByteStringObject(table)])
        return space  # all, pattern

    # --- resources ---------------------------------------------------------

    def resources(self, resources, depth: int) -> None:
        from pypdf.generic import NameObject

        if id(resources) in self.done:
            return
        self.done.add(id(resources))
        spaces = resources.get("/ColorSpace")
        if spaces is not None:
            spaces = spaces.get_object()
            for name in list(spaces):
                self.named[(id(spaces), str(name))] = self.space_kind(spaces[name], resources)
                spaces[NameObject(name)] = self.converted_space(spaces[name], resources)
        for name, state in (resources.get("/ExtGState") or {}).items():
            self.graphics_state(name, state.get_object())
        for name, ref in (resources.get("/Shading") or {}).items():
            self.shading(name, ref.get_object(), resources)
        for name, ref in (resources.get("/Pattern") or {}).items():
            self.pattern(name, ref.get_object(), resources, depth)
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            xobjects = xobjects.get_object()
            for name in list(xobjects):
                self.xobject(name, xobjects, resources, depth)

    def graphics_state(self, name, state) -> None:
        mask = state.get("/SMask")
        if mask is not None and str(mask) != "/None":
            raise NotConvertible(f"a soft mask (graphics state {name})", "expected art without soft masks (flattened)")
        if not self.colours.no_transparency:
            return
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                raise NotConvertible(f"transparency (graphics state {name}: {key[1:]} {float(state[key]):g})",
                                     "expected opaque art for PDF/X-1a, which allows no transparency")
        blend = state.get("/BM")
        if blend is not None and str(blend if not isinstance(blend, list) else blend[0]) not in ("/Normal", "/Compatible"):
            raise NotConvertible(f"transparency (graphics state {name}: blend mode {blend})",
                                 "expected opaque art for PDF/X-1a, which allows no transparency")

    def shading(self, name, shading, resources) -> None:
        from pypdf.generic import ArrayObject, FloatObject, NameObject

        if id(shading) in self.done:
            return
        self.done.add(id(shading))
        kind = self.space_kind(shading["/ColorSpace"], resources)
        if kind == "cmyk":
            shading[NameObject("/ColorSpace")] = NameObject("/DeviceCMYK")
            return
        if kind not in ("rgb", "grey"):
            raise NotConvertible(f"a gradient ({name}) in {kind} colour", "expected an RGB, grey or CMYK gradient")
        shading_type = int(shading.get("/ShadingType", 0))
        if shading_type not in (1, 2, 3):
            raise NotConvertible(f"a mesh gradient ({name}, shading type {shading_type})",
                                 "expected axial or radial gradients, or the art converted to CMYK first")
        convert = self._colour_function(kind)
        function = shading.get("/Function")
        if function is None or isinstance(function.get_object(), ArrayObject):
            raise NotConvertible(f"a gradient ({name}) with a function per colour component",
                                 "expected one exponential or stitching function")
        self.function(name, function.get_object(), convert)
        if "/Background" in shading:
            shading[NameObject("/Background")] = ArrayObject(
                FloatObject(round(v, 4)) for v in convert([float(v) for v in shading["/Background"]]))
        shading[NameObject("/ColorSpace")] = NameObject("/DeviceCMYK")

    def _colour_function(self, kind: str):
        if kind == "rgb":
            return lambda values: self.colours.cmyk(tuple(values[:3]))
        return lambda values: self.colours.grey(values[0])

    def function(self, name, function, convert) -> None:
        from pypdf.generic import ArrayObject, FloatObject, NameObject

        if id(function) in self.done:
            return
        self.done.add(id(function))
        function_type = int(function.get("/FunctionType", -1))
        if function_type == 2:
            for key, default in (("/C0", [0.0]), ("/C1", [1.0])):
                values = [float(v) for v in function.get(key, default)]
                function[NameObject(key)] = ArrayObject(FloatObject(round(v, 4)) for v in convert(values))
            function.pop("/Range", None)
        elif function_type == 3:
            for part in function["/Functions"]:
                self.function(name, part.get_object(), convert)
            function.pop("/Range", None)
        else:
            raise NotConvertible(f"a gradient ({name}) of a {'sampled' if function_type == 0 else 'PostScript'} function",
                                 "expected a gradient between colour stops (exponential or stitching functions)")

    def pattern(self, name, pattern, resources, depth: int) -> None:
        if id(pattern) in self.done:
            return
        self.done.add(id(pattern))
        if int(pattern.get("/PatternType", 0)) == 2:
            self.shading(name, pattern["/Shading"].get_object(), resources)
            if "/ExtGState" in pattern:
                self.graphics_state(name, pattern["/ExtGState"].get_object())
            return
        own = pattern.get("/Resources")
        data = self.content(pattern.get_data(), own if own is not None else resources, depth + 1)
        _set_stream(pattern, data)

    def xobject(self, name, xobjects, resources, depth: int) -> None:
        from pypdf.generic import NameObject

        xobject = xobjects[name].get_object()
        if id(xobject) in self.done:
            return
        self.done.add(id(xobject))
        subtype = xobject.get("/Subtype")
        if subtype == "/Form":
            if self.colours.no_transparency and "/Group" in xobject:
                del xobject[NameObject("/Group")]  # any transparency inside is refused on its own
            own = xobject.get("/Resources")
            data = self.content(xobject.get_data(), own if own is not None else resources, depth + 1)
            _set_stream(xobject, data)
        elif subtype == "/Image":
            self.image(name, xobject, resources)

    def image(self, name, image, resources) -> None:
        from pypdf.generic import NameObject, NumberObject

        if image.get("/ImageMask"):
            return  # a stencil: painted in the fill colour
        if self.colours.no_transparency and "/SMask" in image:
            raise NotConvertible(f"an image with a soft mask ({name}: transparency)",
                                 "expected opaque images for PDF/X-1a, which allows no transparency")
        if isinstance(image.get("/Mask"), list):
            raise NotConvertible(f"an image with a colour-key mask ({name})", "expected an image without one, or with a soft mask")
        space = image.get("/ColorSpace")
        if space is not None and self.space_kind(space, resources) == "cmyk":
            image[NameObject("/ColorSpace")] = NameObject("/DeviceCMYK")
            return
        photo = "/DCTDecode" in str(image.get("/Filter", ""))
        try:
            pixels = image.decode_as_image()
        except Exception as exc:  # pypdf raises many kinds for a bad image
            raise NotConvertible(f"an image ({name}) that cannot be decoded ({exc})", "expected a readable image") from None
        if pixels is None:
            raise NotConvertible(f"an image ({name}) that cannot be decoded", "expected a readable image")
        if pixels.mode in ("RGBA", "LA", "PA"):
            pixels = pixels.convert("RGB")  # the soft mask, if any, stays the image's own /SMask
        cmyk = self.colours.image(pixels, photo=photo)
        _set_stream(image, cmyk.tobytes())
        image[NameObject("/ColorSpace")] = NameObject("/DeviceCMYK")
        image[NameObject("/BitsPerComponent")] = NumberObject(8)
        image[NameObject("/Width")], image[NameObject("/Height")] = NumberObject(cmyk.width), NumberObject(cmyk.height)
        for key in ("/Decode", "/Intent"):
            image.pop(NameObject(key), None)


def _set_stream(stream, data: bytes) -> None:
    """Replace a stream's data (whatever its filters were) with ``data``, Flate-compressed."""
    from pypdf.generic import NameObject, StreamObject

    stream.pop(NameObject("/DecodeParms"), None)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    StreamObject.set_data(stream, zlib.compress(data, 9))
    if hasattr(stream, "decoded_self"):
        stream.decoded_self = None
