import KioskCore

extension ScreenLayout {
    /// Where the buttons go: a grid anchored at the bottom of the terminal.
    struct ButtonPlan {
        /// One rectangle per choice, relative to the top of the button block.
        var rects: [CellRect] = []
        /// The label lines of each button.
        var labels: [[String]] = []
        /// Rows the block takes.
        var height = 0
    }

    /// The smallest button: 3 rows (a framed line) by 12 columns.
    static let minimumButtonHeight = 3
    /// See ``minimumButtonHeight``.
    static let minimumButtonWidth = 12

    /// The lines on a button: its keypad digit, then its label wrapped so the digit always
    /// starts the first line (never a line of its own).
    static func buttonLines(_ choice: ScreenChoice, _ language: Language, width: Int) -> [String] {
        let prefix = choice.key.map { "\($0)  " } ?? ""
        var lines = TextWrapper.wrap(choice.label[language], width: max(1, width - DisplayWidth.of(prefix)))
        lines[0] = prefix + lines[0]
        return lines
    }

    /// Picks the arrangement whose labels need the fewest lines (a label wraps onto a second or
    /// third line inside a taller button only when it must), then the most buttons per row,
    /// that fits within `maximumHeight` rows.
    func planButtons(_ screen: Screen, maximumHeight: Int) -> ButtonPlan {
        let choices = screen.choices
        guard !choices.isEmpty else { return ButtonPlan() }
        let areaWidth = self.size.columns - 2
        let mostPerRow = min(choices.count, 4, max(1, self.size.columns / 18))
        let widest = self.size.isLarge ? 44 : 36
        let baseHeight = self.size.isLarge ? 5 : Self.minimumButtonHeight
        let gap = 1

        func arrangement(perRow: Int, height: Int, rowGap: Int, truncate: Bool) -> ButtonPlan? {
            let width = min(widest, (areaWidth - (perRow - 1) * gap) / perRow)
            guard width >= Self.minimumButtonWidth || truncate else { return nil }
            let interior = max(1, width - 4)
            var labels: [[String]] = []
            for choice in choices {
                let lines = Self.buttonLines(choice, screen.language, width: interior)
                if lines.count > height - 2 {
                    guard truncate else { return nil }
                    let text = (choice.key.map { "\($0)  " } ?? "") + choice.label[screen.language]
                    labels.append(TextWrapper.wrap(text, width: interior, maximumLines: height - 2))
                } else {
                    labels.append(lines)
                }
            }
            let rowCount = (choices.count + perRow - 1) / perRow
            let total = rowCount * height + (rowCount - 1) * rowGap
            guard total <= maximumHeight || truncate else { return nil }
            var plan = ButtonPlan(labels: labels, height: total)
            for index in choices.indices {
                let row = index / perRow
                let inRow = min(perRow, choices.count - row * perRow)
                let rowWidth = inRow * width + (inRow - 1) * gap
                let left = (self.size.columns - rowWidth) / 2
                let column = left + (index % perRow) * (width + gap)
                plan.rects.append(CellRect(row: row * (height + rowGap), column: column, width: width, height: height))
            }
            return plan
        }

        // Fewest label lines first (short, calm buttons), then the most buttons per row.
        for height in baseHeight...(baseHeight + 2) {
            for perRow in stride(from: mostPerRow, through: 1, by: -1) {
                for rowGap in [1, 0] {
                    if let plan = arrangement(perRow: perRow, height: height, rowGap: rowGap, truncate: false) { return plan }
                }
            }
        }
        // Nothing fits whole: keep the smallest touchable buttons and cut their labels.
        return arrangement(perRow: mostPerRow, height: Self.minimumButtonHeight, rowGap: 0, truncate: true) ?? ButtonPlan()
    }

    /// Draws the planned buttons with their frames and registers their touch regions.
    func place(_ plan: ButtonPlan, top: Int, screen: Screen, _ frame: inout ScreenFrame) {
        for (index, choice) in screen.choices.enumerated() where index < plan.rects.count {
            var rect = plan.rects[index]
            rect.row += top
            let style: CellStyle
            if self.pressed == .choice(choice.id) {
                style = .pressedButton
            } else {
                switch choice.style {
                case .primary: style = .primaryButton
                case .secondary: style = .secondaryButton
                case .cancel: style = .cancelButton
                }
            }
            frame.fill(rect, style)
            let inner = String(repeating: "─", count: max(0, rect.width - 2))
            frame.write("┌" + inner + "┐", row: rect.row, column: rect.column, style)
            for row in (rect.row + 1)..<(rect.row + rect.height - 1) {
                frame.write("│", row: row, column: rect.column, style)
                frame.write("│", row: row, column: rect.column + rect.width - 1, style)
            }
            frame.write("└" + inner + "┘", row: rect.row + rect.height - 1, column: rect.column, style)
            let labels = plan.labels[index]
            let firstRow = rect.row + 1 + max(0, (rect.height - 2 - labels.count) / 2)
            for (offset, line) in labels.enumerated() {
                frame.writeCentered(line, row: firstRow + offset, column: rect.column + 2, width: rect.width - 4, style)
            }
            frame.addRegion(HitRegion(rect: rect, target: .choice(choice.id)))
        }
    }
}
