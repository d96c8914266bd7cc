import KioskCore

extension ScreenLayout {
    /// The body prepared for a column width, before it is placed vertically.
    struct Body {
        /// A run of text in a body row.
        struct Segment {
            var offset: Int
            var text: String
            var style: CellStyle
        }

        /// One terminal row; `line` is the index of the screen line it belongs to.
        struct Row {
            var segments: [Segment]
            var line: Int
        }

        /// Rows of the screen's lines.
        var rows: [Row] = []
        /// Rows of the progress bar (label and bar), kept whole at the bottom of the body.
        var progressRows: [Row] = []
        /// Whether rows are centred (message screens without label/value rows).
        var isCentered = false
    }

    static func style(of line: ScreenLine) -> CellStyle {
        switch line.style {
        case .body: .body
        case .emphasis: .emphasis
        case .warning: .warning
        case .amount: .amount
        case .hint: .hint
        }
    }

    /// Screens that are a message rather than a form: their lines are centred.
    static let messageKinds: Set<Screen.Kind> = [.idle, .reading, .cardRejected, .fetching, .printing, .collect, .error]

    /// Wraps every line to the width: on a form, label/value lines become a two-column table
    /// (labels wrap in their column); on a message screen everything is centred.
    func bodyRows(_ screen: Screen, width: Int) -> Body {
        let language = screen.language
        var body = Body()
        body.isCentered = Self.messageKinds.contains(screen.kind) || !screen.lines.contains { $0.label != nil }
        let labelWidth = min(width / 3, screen.lines.compactMap { $0.label.map { DisplayWidth.of($0[language]) } }.max() ?? 0)
        for (index, line) in screen.lines.enumerated() {
            let style = Self.style(of: line)
            if let label = line.label, !body.isCentered {
                let labels = TextWrapper.wrap(label[language], width: max(1, labelWidth))
                let values = TextWrapper.wrap(line.text[language], width: max(1, width - labelWidth - 2))
                for row in 0..<max(labels.count, values.count) {
                    var segments: [Body.Segment] = []
                    if row < labels.count { segments.append(.init(offset: 0, text: labels[row], style: .label)) }
                    if row < values.count { segments.append(.init(offset: labelWidth + 2, text: values[row], style: style)) }
                    body.rows.append(.init(segments: segments, line: index))
                }
            } else {
                let text = line.label.map { "\($0[language])  \(line.text[language])" } ?? line.text[language]
                for text in TextWrapper.wrap(text, width: width) {
                    let offset = body.isCentered ? max(0, (width - DisplayWidth.of(text)) / 2) : 0
                    body.rows.append(.init(segments: [.init(offset: offset, text: text, style: style)], line: index))
                }
            }
        }
        if let progress = screen.progress {
            let label = TextWrapper.truncated(progress.label[language], width: width)
            body.progressRows.append(.init(segments: [.init(offset: max(0, (width - DisplayWidth.of(label)) / 2), text: label, style: .emphasis)], line: -1))
            body.progressRows.append(.init(segments: self.progressBar(progress, width: width), line: -1))
        }
        return body
    }

    /// A bar of `█` (done) and `░` (to do); with an unknown total, a block that moves along.
    func progressBar(_ progress: ScreenProgress, width: Int) -> [Body.Segment] {
        let barWidth = max(10, width - 4)
        let left = (width - barWidth) / 2
        if progress.total > 0 {
            let done = Int((progress.fraction * Double(barWidth)).rounded())
            var segments: [Body.Segment] = []
            if done > 0 { segments.append(.init(offset: left, text: String(repeating: "█", count: done), style: .progressDone)) }
            if done < barWidth {
                segments.append(.init(offset: left + done, text: String(repeating: "░", count: barWidth - done), style: .progressRemaining))
            }
            return segments
        }
        let block = max(3, barWidth / 6)
        let start = (self.animationPhase * 2) % (barWidth - block + 1)
        return [
            .init(offset: left, text: String(repeating: "░", count: barWidth), style: .progressRemaining),
            .init(offset: left + start, text: String(repeating: "█", count: block), style: .progressDone),
        ]
    }

    /// Places the body between `top` and `top + height`: spaced out when there is room, cut with
    /// "… N more lines" when there is not; the progress bar always shows whole.
    func place(_ body: Body, screen: Screen, top: Int, height: Int, left: Int, width: Int, _ frame: inout ScreenFrame) {
        guard height > 0 else { return }
        let progressHeight = body.progressRows.isEmpty ? 0 : body.progressRows.count + 1
        let room = height - progressHeight
        var rows = body.rows
        let lineCount = Set(rows.map(\.line)).count
        var spaced = lineCount > 1 && rows.count + lineCount - 1 <= room
        if rows.count > room {
            spaced = false
            let kept = max(0, room - 1)
            let hidden = Set(rows[kept...].map(\.line)).count
            rows = Array(rows.prefix(kept))
            if room > 0 {
                let more = ScreenWords.moreLines(max(1, hidden))[screen.language]
                rows.append(.init(segments: [.init(offset: 0, text: TextWrapper.truncated(more, width: width), style: .hint)], line: -2))
            }
        }
        var layout: [(row: Int, content: Body.Row)] = []
        var row = 0
        for (index, content) in rows.enumerated() {
            if spaced, index > 0, rows[index - 1].line != content.line { row += 1 }
            layout.append((row, content))
            row += 1
        }
        let used = row + progressHeight
        let offset = body.isCentered ? max(0, (height - used) / 2) : 0
        for (relative, content) in layout {
            for segment in content.segments {
                frame.write(segment.text, row: top + offset + relative, column: left + segment.offset, segment.style)
            }
        }
        let progressTop = top + offset + row + (row > 0 ? 1 : 0)
        for (index, content) in body.progressRows.enumerated() {
            for segment in content.segments {
                frame.write(segment.text, row: progressTop + index, column: left + segment.offset, segment.style)
            }
        }
    }
}
