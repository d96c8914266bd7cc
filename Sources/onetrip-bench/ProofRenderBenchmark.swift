import CertificatePrinter
import Foundation
import KioskCore
import KioskTestSupport
import Simulators

extension Benchmark {
    /// Proof rendering time per page (1-page and 10-page proofs), OneTrip (cairo + Pango) and
    /// ReportLab rendering the same content in the same run.
    ///
    /// ReportLab runs from a throwaway virtual environment (`.build/bench-venv`, created with
    /// `python3 -m venv` and `pip install reportlab==4.4.4` when missing; `ONETRIP_BENCH_PYTHON`
    /// overrides it) with `scripts/bench-reportlab/render_proof.py`, which lays out the same
    /// content the same way. ReportLab cannot embed the CFF-based Noto CJK fonts, so the
    /// like-for-like comparison uses WenQuanYi Micro Hei (TrueType) on both sides; OneTrip's
    /// production font (Noto Sans CJK SC) is measured too.
    static let proofRendering = Benchmark(name: "proof-render", summary: "A4 proof PDF rendering per page, OneTrip vs ReportLab") {
        let key = IssuingKey()
        let context = IssueContext(kioskID: "HS-0001", issuingOffice: "宁波市公安局海曙分局（演示）", issuedAt: IssueTime(secondsSinceEpoch: 1_772_331_825))
        let short = try ProofRenderBench.document(months: 6, context: context)
        let noto = try ProofRenderer()
        let long = try ProofRenderBench.document(pages: 10, renderer: noto, key: key, context: context)
        var figures: [Figure] = []
        var perPage: [String: Double] = [:]
        for (fontName, renderer) in [("Noto Sans CJK SC", noto), ("WenQuanYi Micro Hei", try ProofRenderer(fontFamily: "WenQuanYi Micro Hei"))] {
            for (label, document, runs) in [("1-page", short, 41), ("10-page", long, 15)] {
                let payload = try key.sign(document)
                let (median, pages) = try ProofRenderBench.median(runs: runs) { try renderer.render(document, payload: payload).pageCount }
                let value = median / Double(pages) * 1000
                perPage["\(fontName) \(label)"] = value
                figures.append(
                    Figure(
                        name: "OneTrip \(label) (\(pages) p), \(fontName)", value: value, unit: "ms/page", goal: "≤ 10 ms/page",
                        meetsGoal: value <= 10))
            }
        }
        let reportLab = try ProofRenderBench.reportLab(short: short, long: long, key: key)
        for (label, result) in [("1-page", reportLab.short), ("10-page", reportLab.long)] {
            let value = result.seconds / Double(result.pages) * 1000
            figures.append(Figure(name: "ReportLab \(label) (\(result.pages) p), WenQuanYi Micro Hei", value: value, unit: "ms/page"))
            if let ours = perPage["WenQuanYi Micro Hei \(label)"] {
                figures.append(
                    Figure(
                        name: "ReportLab time ÷ OneTrip time, \(label), same font", value: value / ours, unit: "×", goal: "≥ 1 (no slower)",
                        meetsGoal: value >= ours))
            }
        }
        return figures
    }
}

/// Set-up for the proof benchmark.
enum ProofRenderBench {
    /// A social-insurance proof for `charlie` with his history cut or extended to `months`.
    static func document(months: Int, context: IssueContext) throws -> ProofDocument {
        let citizen = try Fixtures.citizen("charlie")
        guard case .socialInsurance(var history) = try Fixtures.recordBook(for: "charlie").records(from: .socialInsurance) else {
            throw BenchmarkError.missing("charlie's social-insurance history")
        }
        var contributions = Array(history.contributions.prefix(months))
        while contributions.count < months, var next = contributions.last {
            next.month = next.month.next
            contributions.append(next)
        }
        history.contributions = contributions
        let job = CertificateJob(
            transactionID: TransactionID(session: SessionID(kioskID: "HS-0001", number: 42)), service: "social-insurance-proof",
            template: .socialInsuranceContribution, identity: citizen.identity, records: .socialInsurance(history))
        return try ProofDocument(job: job, context: context)
    }

    /// The longest history that renders to exactly `pages` pages.
    static func document(pages: Int, renderer: ProofRenderer, key: IssuingKey, context: IssueContext) throws -> ProofDocument {
        var low = 1
        var high = 80 * pages
        while low < high {
            let middle = (low + high + 1) / 2
            let document = try self.document(months: middle, context: context)
            if try renderer.render(document, payload: key.sign(document)).pageCount <= pages { low = middle } else { high = middle - 1 }
        }
        return try self.document(months: low, context: context)
    }

    /// Median wall time of `body` over `runs` runs after one warm-up, and its last result.
    static func median(runs: Int, _ body: () throws -> Int) throws -> (Double, Int) {
        var result = try body()
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<runs {
            let elapsed = try clock.measure { result = try body() }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return (times.sorted()[times.count / 2], result)
    }

    struct PythonResult: Decodable {
        var seconds: Double
        var pages: Int
        enum CodingKeys: String, CodingKey {
            case seconds = "median_seconds"
            case pages
        }
    }

    /// Runs ReportLab on both documents.
    static func reportLab(short: ProofDocument, long: ProofDocument, key: IssuingKey) throws -> (short: PythonResult, long: PythonResult) {
        let python = try self.python()
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/bench-reportlab/render_proof.py").path
        let directory = try Fixtures.temporaryDirectory("proof-bench")
        defer { try? FileManager.default.removeItem(at: directory) }
        func run(_ document: ProofDocument, runs: Int) throws -> PythonResult {
            let content = directory.appendingPathComponent("content.json")
            try ProofContentExport.json(document, payload: try key.sign(document)).write(to: content)
            let output = try CommandLineTool.run(python, [script, content.path, String(runs)])
            return try JSONDecoder().decode(PythonResult.self, from: output.output)
        }
        return (try run(short, runs: 21), try run(long, runs: 7))
    }

    /// The virtual environment's Python with ReportLab, made on first use.
    static func python() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["ONETRIP_BENCH_PYTHON"] { return configured }
        let venv = Fixtures.repositoryRoot.appendingPathComponent(".build/bench-venv")
        let python = venv.appendingPathComponent("bin/python3").path
        if (try? CommandLineTool.run(python, ["-c", "import reportlab"], check: false).status) != 0 {
            FileHandle.standardError.write(Data("creating \(venv.path) with ReportLab 4.4.4\n".utf8))
            try CommandLineTool.run("python3", ["-m", "venv", venv.path])
            try CommandLineTool.run(venv.appendingPathComponent("bin/pip").path, ["install", "--quiet", "reportlab==4.4.4"])
        }
        return python
    }
}
