import COneTripCairo
import KioskCore

/// Renders proofs to A4 PDF with cairo and Pango, in memory.
///
/// Chinese text is set in a CJK font found through fontconfig (Noto Sans CJK SC by default);
/// cairo embeds only the glyphs used, as font subsets, so the PDF prints the same on any
/// printer. Every page carries the running header, "page N of M", the issue time, kiosk and
/// transaction numbers, and the verification QR code with its short code.
///
/// Not `Sendable`: a renderer holds a Pango font map. Give each actor or thread its own.
public final class ProofRenderer {
    /// The font family used unless another is configured (Debian `fonts-noto-cjk`).
    public static let defaultFontFamily = "Noto Sans CJK SC"

    /// The font family in use.
    public let fontFamily: String
    let fontMap: UnsafeMutablePointer<PangoFontMap>

    /// Creates a renderer.
    /// - Parameter fontFamily: a fontconfig family with CJK glyphs.
    /// - Throws: ``ProofError/fontUnavailable(requested:resolved:)`` when fontconfig resolves
    ///   the family to another font, which would print Chinese as boxes or in the wrong face.
    public init(fontFamily: String = ProofRenderer.defaultFontFamily) throws(ProofError) {
        self.fontFamily = fontFamily
        self.fontMap = UnsafeMutablePointer(OpaquePointer(pango_cairo_font_map_new()))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        let cairo = cairo_create(surface)
        defer {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
        }
        let resolved = TextSetter(cairo: cairo!, fontMap: self.fontMap, family: fontFamily).resolvedFamily()
        guard resolved.lowercased() == fontFamily.lowercased() else {
            throw .fontUnavailable(requested: fontFamily, resolved: resolved)
        }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(self.fontMap)) }

    /// Renders a signed proof.
    /// - Parameters:
    ///   - document: what to print.
    ///   - payload: its signed verification payload (``IssuingKey/sign(_:)``).
    /// - Returns: the PDF bytes and page count.
    /// - Throws: ``ProofError`` when the QR code cannot be encoded or cairo fails.
    public func render(_ document: ProofDocument, payload: ProofPayload) throws(ProofError) -> RenderedProof {
        let qr = try QRCodeMatrix(encoding: payload.text)
        let sink = PDFByteSink()
        let surface = cairo_pdf_surface_create_for_stream(
            PDFByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), PageGeometry.width, PageGeometry.height)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "\(document.title.zh) \(document.documentID)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OneTrip kiosk \(document.kioskID)")
        let created = "\(document.issuedAt.chinaDateTime.replacingOccurrences(of: " ", with: "T"))+08:00"
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created)
        let cairo = cairo_create(surface)!
        let pageCount: Int
        do {
            let setter = TextSetter(cairo: cairo, fontMap: self.fontMap, family: self.fontFamily)
            var page = ProofPage(
                document: document, payload: payload, qr: qr, cairo: cairo, text: setter, number: 1, count: 1)
            let blocks = page.measureBody()
            let pages = ProofPaginator(
                firstPageTop: ProofPage.firstBodyTop, continuationTop: ProofPage.continuationBodyTop, bottom: PageGeometry.bodyBottom,
                tableHeaderHeight: PageGeometry.tableHeaderHeight
            ).paginate(blocks.map(\.flow))
            pageCount = pages.count
            page.count = pages.count
            for (index, placements) in pages.enumerated() {
                page.number = index + 1
                page.draw(placements, blocks: blocks)
                cairo_show_page(cairo)
            }
        }
        let status = cairo_status(cairo)
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let surfaceStatus = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS, surfaceStatus == CAIRO_STATUS_SUCCESS else {
            let failed = status == CAIRO_STATUS_SUCCESS ? surfaceStatus : status
            throw .renderFailed(String(cString: cairo_status_to_string(failed)))
        }
        return RenderedProof(pdf: sink.bytes, pageCount: pageCount, payload: payload)
    }
}

@available(*, unavailable)
extension ProofRenderer: Sendable {}
