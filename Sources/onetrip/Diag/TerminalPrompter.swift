import DeviceKit
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The technician at a terminal: instructions are printed, yes/no questions read from stdin
/// on a dedicated thread (a human's answer must not park a Swift concurrency thread).
struct TerminalPrompter: DiagnosticPrompter {
    /// Whether stdin and stdout are both terminals.
    static var isTerminal: Bool { isatty(0) == 1 && isatty(1) == 1 }

    var isInteractive: Bool { true }

    func instruct(_ instruction: String) async {
        FileHandle.standardOutput.write(Data(">>> \(instruction)\n".utf8))
    }

    func confirm(_ question: String) async -> Bool? {
        FileHandle.standardOutput.write(Data(">>> \(question) [y/n] ".utf8))
        let answer: String? = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: readLine()) }
            thread.name = "onetrip-diag-prompt"
            thread.start()
        }
        guard let answer = answer?.trimmingCharacters(in: .whitespaces).lowercased() else { return nil }
        return answer.hasPrefix("y") ? true : answer.hasPrefix("n") ? false : nil
    }
}
