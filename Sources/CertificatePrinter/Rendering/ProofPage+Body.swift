import COneTripCairo
import KioskCore

/// One measured piece of a proof's body.
struct BodyBlock {
    enum Kind {
        case citizen
        case paragraph(LocalizedText)
        case fields(ProofField, ProofField?)
        case tableRow(Int)
        case tableTotals
        case gap
        case issuer
    }

    var kind: Kind
    var height: Double

    var flow: ProofPaginator.Block {
        switch self.kind {
        case .tableRow, .tableTotals: ProofPaginator.Block(height: self.height, isTableRow: true)
        default: ProofPaginator.Block(height: self.height, isTableRow: false)
        }
    }
}

extension ProofPage {
    /// The body's blocks in order, with their heights measured in the page's fonts.
    func measureBody() -> [BodyBlock] {
        let width = PageGeometry.contentWidth
        var blocks = [BodyBlock(kind: .citizen, height: 36)]
        for paragraph in self.document.statement {
            blocks.append(BodyBlock(kind: .paragraph(paragraph), height: self.paragraphHeight(paragraph, width: width)))
        }
        var fields = self.document.fields[...]
        while let first = fields.popFirst() {
            blocks.append(BodyBlock(kind: .fields(first, fields.popFirst()), height: 15))
        }
        blocks.append(BodyBlock(kind: .gap, height: 6))
        if let table = self.document.table {
            blocks += table.rows.indices.map { BodyBlock(kind: .tableRow($0), height: PageGeometry.rowHeight) }
            if table.totals != nil { blocks.append(BodyBlock(kind: .tableTotals, height: PageGeometry.rowHeight + 2)) }
        }
        blocks.append(BodyBlock(kind: .gap, height: 10))
        for paragraph in self.document.closing {
            blocks.append(BodyBlock(kind: .paragraph(paragraph), height: self.paragraphHeight(paragraph, width: width)))
        }
        blocks.append(BodyBlock(kind: .issuer, height: 52))
        return blocks
    }

    private func paragraphHeight(_ paragraph: LocalizedText, width: Double) -> Double {
        self.text.height(of: paragraph.zh, .body, width: width) + self.text.height(of: paragraph.en, .bodyEN, width: width) + 6
    }

    func drawBlock(_ block: BodyBlock, y: Double) {
        let x = PageGeometry.margin
        let width = PageGeometry.contentWidth
        switch block.kind {
        case .citizen:
            let citizen = self.document.citizen
            self.text.draw("姓名 Name：\(citizen.name)", .bodyBold, x: x, y: y, width: width)
            self.text.draw(
                "证件号码 ID number：\(citizen.maskedDocumentNumber)    证件类型 Card：\(citizen.cardType.name.zh) \(citizen.cardType.name.en)",
                .body, x: x, y: y + 16, width: width)
        case .paragraph(let paragraph):
            let height = self.text.draw(paragraph.zh, .body, x: x, y: y, width: width, wraps: true)
            self.text.draw(paragraph.en, .bodyEN, x: x, y: y + height, width: width, wraps: true)
        case .fields(let left, let right):
            for (index, field) in [left, right].enumerated() {
                guard let field else { continue }
                self.text.draw(
                    "\(field.label.zh) \(field.label.en)：\(field.value)", .cell, x: x + Double(index) * width / 2, y: y + 2,
                    width: width / 2 - 8)
            }
        case .tableRow(let index):
            guard let table = self.document.table else { return }
            self.drawRow(table.rows[index], table: table, y: y, style: .cell)
            self.rule(y: y + PageGeometry.rowHeight, width: 0.3, gray: 0.6)
        case .tableTotals:
            guard let table = self.document.table, let totals = table.totals else { return }
            self.rule(y: y + 1, width: 0.8)
            self.drawRow(totals, table: table, y: y + 2, style: .cellBold)
        case .gap:
            break
        case .issuer:
            let right = x + width - 240
            var line = y + 4
            line += self.text.draw("出具单位 Issued by：\(self.document.issuingOffice)", .body, x: right, y: line, width: 240, alignment: .trailing)
            line += self.text.draw(
                "出具日期 Date of issue：\(self.document.issuedAt.chinaDate)", .body, x: right, y: line, width: 240, alignment: .trailing)
            self.text.draw(
                "（电子签名，见二维码 Electronically signed, see QR code）", .small, x: right, y: line + 2, width: 240, alignment: .trailing)
        }
    }

    func drawTableHeader(y: Double) {
        guard let table = self.document.table else { return }
        cairo_save(self.cr)
        cairo_set_source_rgb(self.cr, 0.9, 0.9, 0.9)
        cairo_rectangle(self.cr, PageGeometry.margin, y, PageGeometry.contentWidth, PageGeometry.tableHeaderHeight - 2)
        cairo_fill(self.cr)
        cairo_restore(self.cr)
        for (column, frame) in zip(table.columns, self.columnFrames(table)) {
            let alignment = Self.alignment(column.alignment)
            self.text.draw(column.title.zh, .headerZH, x: frame.x, y: y + 2, width: frame.width, alignment: alignment)
            self.text.draw(column.title.en, .headerEN, x: frame.x, y: y + 13, width: frame.width, alignment: alignment)
        }
    }

    private func drawRow(_ cells: [String], table: ProofTable, y: Double, style: TextStyle) {
        for ((cell, column), frame) in zip(zip(cells, table.columns), self.columnFrames(table)) where !cell.isEmpty {
            self.text.draw(cell, style, x: frame.x, y: y + 2, width: frame.width, alignment: Self.alignment(column.alignment))
        }
    }

    /// Each column's left edge and text width (3 pt padding on each side).
    private func columnFrames(_ table: ProofTable) -> [(x: Double, width: Double)] {
        let total = table.columns.map(\.weight).reduce(0, +)
        var x = PageGeometry.margin
        return table.columns.map { column in
            let width = PageGeometry.contentWidth * column.weight / total
            defer { x += width }
            return (x + 3, width - 6)
        }
    }

    private static func alignment(_ alignment: ProofColumn.Alignment) -> TextAlignment {
        switch alignment {
        case .leading: .leading
        case .trailing: .trailing
        case .center: .center
        }
    }
}
