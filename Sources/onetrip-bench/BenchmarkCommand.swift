import ArgumentParser
import Foundation

/// `onetrip-bench [NAME…]`: runs the project's benchmarks (release build) and prints one table.
///
/// Each component registers its benchmark in ``BenchmarkCommand/all``; `scripts/bench` runs them
/// all. Tests assert behaviour only; figures live here.
@main
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onetrip-bench", abstract: "Measure OneTrip's performance figures (use a release build).")

    /// Every benchmark, one line each; each lives in its own file.
    static let all: [Benchmark] = [
        .sessionStateMachine,
        .receiptPrinter,
        .screenLayout,
        .proofRendering,
        .sspCodec,
        .cashLedger,
        .samFrameDecoding,
        .idCardReadLatency,
        .journalEnqueue, .journalDrain,
        .daemon,
    ]

    @Argument(help: "Benchmarks to run (default: all). Names: \(Self.all.map(\.name).joined(separator: ", "))")
    var names: [String] = []

    @Flag(help: "Print the figures as JSON lines instead of a table.")
    var json = false

    func run() async throws {
        #if DEBUG
        FileHandle.standardError.write(Data("warning: this is a debug build; figures are not representative (build with -c release)\n".utf8))
        #endif
        let selected = self.names.isEmpty ? Self.all : Self.all.filter { self.names.contains($0.name) }
        guard !selected.isEmpty else { throw ValidationError("no benchmark named \(self.names.joined(separator: ", "))") }
        var rows: [(String, Figure)] = []
        for benchmark in selected {
            FileHandle.standardError.write(Data("running \(benchmark.name): \(benchmark.summary)\n".utf8))
            for figure in try await benchmark.run() {
                rows.append((benchmark.name, figure))
                if self.json {
                    let goal = figure.goal.map { ",\"goal\":\"\($0)\"" } ?? ""
                    let met = figure.meetsGoal.map { ",\"meetsGoal\":\($0)" } ?? ""
                    print("{\"benchmark\":\"\(benchmark.name)\",\"figure\":\"\(figure.name)\",\"value\":\(figure.value),\"unit\":\"\(figure.unit)\"\(goal)\(met)}")
                }
            }
        }
        if !self.json { print(FigureTable(rows: rows).rendered) }
    }
}
