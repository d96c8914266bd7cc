import COneTripCairo

extension ProofRenderer {
    /// Renders a ``TestPage`` to a one-page A4 PDF in memory, with the same fonts as proofs.
    /// - Throws: ``ProofError`` when the QR code cannot be encoded or cairo fails.
    public func render(_ page: TestPage) throws(ProofError) -> [UInt8] {
        let qr = try QRCodeMatrix(encoding: page.qrText)
        let sink = PDFByteSink()
        let surface = cairo_pdf_surface_create_for_stream(
            PDFByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), PageGeometry.width, PageGeometry.height)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "\(TestPage.heading) \(page.kioskID)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OneTrip kiosk \(page.kioskID)")
        let cairo = cairo_create(surface)!
        do {
            let text = TextSetter(cairo: cairo, fontMap: self.fontMap, family: self.fontFamily)
            TestPageDrawing(page: page, qr: qr, cairo: cairo, text: text).draw()
            cairo_show_page(cairo)
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
        return sink.bytes
    }
}

/// Draws the test page: watermark, frame at the margins with corner marks, heading and
/// disclaimer, facts, character test, grey steps, line weights and the plain-text QR code.
struct TestPageDrawing {
    let page: TestPage
    let qr: QRCodeMatrix
    let cairo: OpaquePointer
    let text: TextSetter

    private var cr: OpaquePointer { self.cairo }

    func draw() {
        self.drawWatermark()
        self.drawFrame()
        let x = PageGeometry.margin + 14
        let width = PageGeometry.contentWidth - 28
        cairo_set_source_rgb(self.cr, 0, 0, 0)
        var y = PageGeometry.top + 20
        y += self.text.draw(TestPage.heading, .titleZH, x: x, y: y, width: width, alignment: .center) + 6
        y += self.text.draw(TestPage.disclaimer, .bodyBold, x: x, y: y, width: width, alignment: .center, wraps: true) + 18
        for fact in self.page.facts {
            self.text.draw(fact.label, .body, x: x, y: y, width: 120)
            y += self.text.draw(fact.value, .body, x: x + 120, y: y, width: width - 120) + 4
        }
        y += 14
        y += self.text.draw("字符测试 Characters", .bodyBold, x: x, y: y, width: width) + 4
        y += self.text.draw(TestPage.characterTest, .body, x: x, y: y, width: width, wraps: true) + 4
        y += self.text.draw(TestPage.characterTest, .cell, x: x, y: y, width: width, wraps: true) + 18
        y += self.text.draw("灰度 Grey steps (0 % … 100 %)", .bodyBold, x: x, y: y, width: width) + 6
        self.drawGreySteps(x: x, y: y, width: width)
        y += 50
        y += self.text.draw("线宽 Line weights (0.25 / 0.5 / 1 / 2 pt)", .bodyBold, x: x, y: y, width: width) + 8
        for weight in [0.25, 0.5, 1.0, 2.0] {
            self.line(x: x, y: y, length: width, weight: weight)
            y += 10
        }
        y += 10
        self.drawQR(x: x, y: y, side: PageGeometry.qrSide)
        self.text.draw(
            "二维码仅含文字，无签名 · The QR code holds plain text and no signature: \(self.page.qrText)", .small,
            x: x + PageGeometry.qrSide + 12, y: y + 8, width: width - PageGeometry.qrSide - 12, wraps: true)
    }

    /// "TEST PAGE" in light grey across the page, so the sheet can never pass for a proof.
    private func drawWatermark() {
        cairo_save(self.cr)
        cairo_set_source_rgb(self.cr, 0.88, 0.88, 0.88)
        cairo_translate(self.cr, PageGeometry.width / 2, PageGeometry.height / 2)
        cairo_rotate(self.cr, -0.9)
        cairo_translate(self.cr, -PageGeometry.width / 2, -30)
        self.text.draw("TEST PAGE 测试页", TextStyle(size: 64, isBold: true), x: 0, y: 0, width: PageGeometry.width, alignment: .center)
        cairo_restore(self.cr)
    }

    /// A rectangle on the margins and crop-style marks at its corners: a skewed or clipped frame
    /// shows a tray or margin problem.
    private func drawFrame() {
        let left = PageGeometry.margin
        let top = PageGeometry.top
        let right = PageGeometry.width - PageGeometry.margin
        let bottom = PageGeometry.height - PageGeometry.bottom
        cairo_save(self.cr)
        cairo_set_source_rgb(self.cr, 0, 0, 0)
        cairo_set_line_width(self.cr, 0.75)
        cairo_rectangle(self.cr, left, top, right - left, bottom - top)
        cairo_stroke(self.cr)
        cairo_set_line_width(self.cr, 1.5)
        for (x, y, dx, dy) in [(left, top, 1.0, 1.0), (right, top, -1.0, 1.0), (left, bottom, 1.0, -1.0), (right, bottom, -1.0, -1.0)] {
            cairo_move_to(self.cr, x, y + 20 * dy)
            cairo_line_to(self.cr, x, y)
            cairo_line_to(self.cr, x + 20 * dx, y)
        }
        cairo_stroke(self.cr)
        cairo_restore(self.cr)
    }

    /// Eleven boxes from white to black, outlined.
    private func drawGreySteps(x: Double, y: Double, width: Double) {
        let steps = 11
        let side = min(36, width / Double(steps) - 4)
        cairo_save(self.cr)
        for step in 0..<steps {
            let level = 1 - Double(step) / Double(steps - 1)
            let left = x + Double(step) * (side + 4)
            cairo_set_source_rgb(self.cr, level, level, level)
            cairo_rectangle(self.cr, left, y, side, side)
            cairo_fill_preserve(self.cr)
            cairo_set_source_rgb(self.cr, 0, 0, 0)
            cairo_set_line_width(self.cr, 0.5)
            cairo_stroke(self.cr)
        }
        cairo_restore(self.cr)
    }

    private func line(x: Double, y: Double, length: Double, weight: Double) {
        cairo_save(self.cr)
        cairo_set_source_rgb(self.cr, 0, 0, 0)
        cairo_set_line_width(self.cr, weight)
        cairo_move_to(self.cr, x, y)
        cairo_line_to(self.cr, x + length, y)
        cairo_stroke(self.cr)
        cairo_restore(self.cr)
    }

    /// The QR code as filled squares with its 4-module quiet zone, as on proofs.
    private func drawQR(x: Double, y: Double, side: Double) {
        let quiet = 4
        let module = side / Double(self.qr.size + 2 * quiet)
        cairo_save(self.cr)
        cairo_set_source_rgb(self.cr, 0, 0, 0)
        cairo_set_antialias(self.cr, CAIRO_ANTIALIAS_NONE)
        for row in 0..<self.qr.size {
            for column in 0..<self.qr.size where self.qr.isDark(column: column, row: row) {
                cairo_rectangle(self.cr, x + Double(column + quiet) * module, y + Double(row + quiet) * module, module, module)
            }
        }
        cairo_fill(self.cr)
        cairo_restore(self.cr)
    }
}
