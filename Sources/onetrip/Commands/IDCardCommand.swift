import ArgumentParser
import Foundation
import IDCardReader

/// `onetrip idcard decode [FILE|-]`: turns a hex capture of ID card reader traffic into a
/// readable report, so a technician can see what a reader said without a protocol analyser.
struct IDCardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idcard",
        abstract: "Work with ID card reader (SAM protocol) traffic.",
        subcommands: [Decode.self]
    )

    struct Decode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode a hex capture of reader traffic (exit 1 if anything is malformed).",
            discussion: """
                The capture is hex bytes (`AA AA AA 96 69 00 03 20 01 22`), one frame or many, with optional
                direction labels at the start of a line (`>`/`tx` host to reader, `<`/`rx` reader to host),
                `[timestamps]` and `#` comments. Card fields are masked unless --reveal is given.
                """)

        @Argument(help: "The capture file, or - for standard input.")
        var file: String = "-"

        @Flag(help: "Show names, numbers, addresses and birth dates in full (personal data: your screen only).")
        var reveal = false

        func run() async throws {
            let data: Data
            if self.file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: self.file))
                } catch {
                    throw ValidationError("cannot read \(self.file): \(error.localizedDescription)")
                }
            }
            let capture: HexCapture
            do {
                capture = try HexCapture(parsing: String(decoding: data, as: UTF8.self))
            } catch {
                print("error: \(self.file == "-" ? "stdin" : self.file): \(error)")
                throw ExitCode.failure
            }
            let report = SAMTrafficReport(capture: capture, reveal: self.reveal)
            print(report.text)
            if report.problemCount > 0 { throw ExitCode.failure }
        }
    }
}
