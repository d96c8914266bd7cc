import COneTripCairo
import KioskCore

/// Draws one page of a proof: running header, body placements, footer with the QR code.
struct ProofPage {
    let document: ProofDocument
    let payload: ProofPayload
    let qr: QRCodeMatrix
    let cairo: OpaquePointer
    let text: TextSetter
    /// 1-based page number.
    var number: Int
    /// Total pages.
    var count: Int

    /// Where the body starts below the first page's title block.
    static let firstBodyTop = PageGeometry.top + 96
    /// Where the body starts below a continuation page's running header.
    static let continuationBodyTop = PageGeometry.top + 34

    var cr: OpaquePointer { self.cairo }

    /// Draws the page's parts.
    func draw(_ placements: [ProofPaginator.Placement], blocks: [BodyBlock]) {
        cairo_set_source_rgb(self.cr, 0, 0, 0)
        if self.number == 1 { self.drawTitleBlock() } else { self.drawRunningHeader() }
        for placement in placements {
            switch placement {
            case .tableHeader(let y): self.drawTableHeader(y: y)
            case .block(let index, let y): self.drawBlock(blocks[index], y: y)
            }
        }
        self.drawFooter()
    }

    private func drawTitleBlock() {
        let x = PageGeometry.margin
        let width = PageGeometry.contentWidth
        var y = PageGeometry.top
        y += self.text.draw(self.document.issuingOffice, .office, x: x, y: y, width: width, alignment: .center) + 4
        y += self.text.draw(self.document.title.zh, .titleZH, x: x, y: y, width: width, alignment: .center)
        y += self.text.draw(self.document.title.en, .titleEN, x: x, y: y, width: width, alignment: .center) + 6
        self.text.draw("证明编号 No. \(self.document.documentID)", .small, x: x, y: y, width: width, alignment: .trailing)
        self.rule(y: Self.firstBodyTop - 8, width: 0.8)
    }

    private func drawRunningHeader() {
        let x = PageGeometry.margin
        let y = PageGeometry.top
        let title = "\(self.document.title.zh)（续） \(self.document.title.en) (continued)"
        self.text.draw(title, .running, x: x, y: y, width: PageGeometry.contentWidth)
        self.text.draw(
            "证明编号 No. \(self.document.documentID)", .small, x: x, y: y + 13, width: PageGeometry.contentWidth, alignment: .trailing)
        self.rule(y: Self.continuationBodyTop - 10, width: 0.8)
    }

    private func drawFooter() {
        let top = PageGeometry.height - PageGeometry.bottom - PageGeometry.footerHeight
        let x = PageGeometry.margin
        self.rule(y: top, width: 0.5)
        let qrTop = top + 8
        self.drawQR(x: x, y: qrTop, side: PageGeometry.qrSide)
        let textX = x + PageGeometry.qrSide + 10
        var y = qrTop
        y += self.text.draw("核验码 Verification code", .small, x: textX, y: y, width: 170)
        y += self.text.draw(self.payload.verificationCode, .code, x: textX, y: y, width: 170) + 2
        self.text.draw(
            "扫描二维码并核对核验码，可离线验证本证明真伪。Scan the QR code and compare this code to check that the proof is genuine.",
            .small, x: textX, y: y, width: 170, wraps: true)
        let rightX = x + PageGeometry.contentWidth - 200
        y = qrTop
        y += self.text.draw(
            "第 \(self.number) 页 / 共 \(self.count) 页   Page \(self.number) of \(self.count)", .smallBold, x: rightX, y: y, width: 200,
            alignment: .trailing) + 3
        for line in [
            "出具时间 Issued: \(self.document.issuedAt.chinaDateTime) (UTC+8)",
            "有效期至 Valid until: \(self.document.validUntil)",
            "自助机编号 Kiosk: \(self.document.kioskID)",
            "交易号 Transaction: \(self.document.transactionID)",
            "证明编号 Document: \(self.document.documentID)",
        ] {
            y += self.text.draw(line, .small, x: rightX, y: y, width: 200, alignment: .trailing) + 1
        }
    }

    /// Draws the QR code as filled squares (vector, so it stays sharp at any printer resolution),
    /// with the 4-module quiet zone ISO/IEC 18004 asks for inside `side`.
    private func drawQR(x: Double, y: Double, side: Double) {
        let quiet = 4
        let module = side / Double(self.qr.size + 2 * quiet)
        cairo_save(self.cr)
        cairo_set_antialias(self.cr, CAIRO_ANTIALIAS_NONE)
        for row in 0..<self.qr.size {
            var column = 0
            while column < self.qr.size {
                guard self.qr.isDark(column: column, row: row) else {
                    column += 1
                    continue
                }
                var run = 1
                while column + run < self.qr.size, self.qr.isDark(column: column + run, row: row) { run += 1 }
                cairo_rectangle(
                    self.cr, x + Double(column + quiet) * module, y + Double(row + quiet) * module, Double(run) * module, module)
                column += run
            }
        }
        cairo_fill(self.cr)
        cairo_restore(self.cr)
    }

    func rule(y: Double, width: Double, x: Double = PageGeometry.margin, length: Double = PageGeometry.contentWidth, gray: Double = 0) {
        cairo_save(self.cr)
        cairo_set_source_rgb(self.cr, gray, gray, gray)
        cairo_set_line_width(self.cr, width)
        cairo_move_to(self.cr, x, y)
        cairo_line_to(self.cr, x + length, y)
        cairo_stroke(self.cr)
        cairo_restore(self.cr)
    }
}
