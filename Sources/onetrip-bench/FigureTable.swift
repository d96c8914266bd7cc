/// Renders benchmark figures as an aligned plain-text table.
struct FigureTable {
    var rows: [(benchmark: String, figure: Figure)]

    var rendered: String {
        let header = ["benchmark", "figure", "value", "unit", "goal", "met"]
        let lines = self.rows.map { row -> [String] in
            [
                row.benchmark, row.figure.name, Self.format(row.figure.value), row.figure.unit, row.figure.goal ?? "",
                row.figure.meetsGoal.map { $0 ? "yes" : "NO" } ?? "",
            ]
        }
        let widths = (0..<header.count).map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + lines.map(line))
            .joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        if abs(value) >= 100 { return String(Int64(value.rounded())) }
        let scaled = (value * 100).rounded() / 100
        return String(scaled)
    }
}
