import Foundation
import Simulators

/// What poppler, qpdf and zbar say about a PDF written to a test's temporary folder.
struct PDFInspection {
    let url: URL

    /// Writes `pdf` to `directory/name` (tests only: the daemon never writes proofs to disk).
    /// With `ONETRIP_PROOF_OUTPUT=/some/folder` set, a copy is also kept there as
    /// `keepAs`, so a developer can look at the proofs the tests rendered.
    init(pdf: [UInt8], in directory: URL, name: String = "proof.pdf", keepAs: String? = nil) throws {
        self.url = directory.appendingPathComponent(name)
        try Data(pdf).write(to: self.url)
        if let folder = ProcessInfo.processInfo.environment["ONETRIP_PROOF_OUTPUT"], let keepAs {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? Data(pdf).write(to: URL(fileURLWithPath: folder).appendingPathComponent(keepAs))
        }
    }

    init(url: URL) { self.url = url }

    /// `qpdf --check`: exit 0 and no errors.
    func qpdfCheck() async throws -> String {
        try await CommandLineTool.run("qpdf", ["--check", self.url.path]).text
    }

    /// `pdftotext -layout`, page by page (pages split at form feeds).
    func pagesText() async throws -> [String] {
        let text = try await CommandLineTool.run("pdftotext", ["-layout", "-enc", "UTF-8", self.url.path, "-"]).text
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// `pdfinfo` as a dictionary.
    func info() async throws -> [String: String] {
        let text = try await CommandLineTool.run("pdfinfo", [self.url.path]).text
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// One font as `pdffonts` lists it.
    struct Font {
        var name: String
        var type: String
        var embedded: Bool
        var subset: Bool
        var unicode: Bool
    }

    /// `pdffonts`: the fonts of every page.
    func fonts() async throws -> [Font] {
        let lines = try await CommandLineTool.run("pdffonts", [self.url.path]).text.split(separator: "\n").dropFirst(2)
        return lines.map { line in
            let words = line.split(separator: " ").map(String.init)
            // name type... encoding emb sub uni object ID: the last five columns are fixed.
            let count = words.count
            return Font(
                name: words[0], type: words[1..<(count - 6)].joined(separator: " "), embedded: words[count - 5] == "yes",
                subset: words[count - 4] == "yes", unicode: words[count - 3] == "yes")
        }
    }

    /// Rasterises the pages with `pdftoppm` and decodes every QR code on them with `zbarimg`.
    /// - Returns: the decoded texts, one per symbol found, page by page.
    func decodeQRCodes(resolution: Int = 200) async throws -> [String] {
        let prefix = self.url.deletingPathExtension().path + "-page"
        try await CommandLineTool.run("pdftoppm", ["-r", String(resolution), "-gray", "-png", self.url.path, prefix])
        let directory = self.url.deletingLastPathComponent()
        let base = self.url.deletingPathExtension().lastPathComponent + "-page"
        let images = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(base) && $0.hasSuffix(".png") }.sorted()
        var decoded: [String] = []
        for image in images {
            let result = try await CommandLineTool.run(
                "zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", directory.appendingPathComponent(image).path], check: false)
            decoded += result.text.split(separator: "\n").map(String.init)
        }
        return decoded
    }
}
