extension ReceiptPrinterSimulator {
    /// The control-socket commands, one per line (see ``handleControl(_:)``).
    public static let controlHelp = """
        paper ok|near-end|out  ·  paper out-after LINES  ·  cover open|closed  ·  cutter jam|ok  ·  \
        fault unrecoverable|clear  ·  drop-next-job [BYTES]  ·  silent on|off  ·  status  ·  receipts  ·  \
        last  ·  errors  ·  notes  ·  clear  ·  help
        """

    /// Answers one control command with one line (`ok …` or `error …`).
    ///
    /// - `paper ok|near-end|out`: the roll sensor; `paper out-after LINES`: the roll runs out
    ///   after that many more printed lines (mid-job paper end).
    /// - `cover open|closed`; `cutter jam` (the next cut jams), `cutter ok` (clears a jam);
    ///   `fault unrecoverable|clear`.
    /// - `drop-next-job [BYTES]`: drop the connection after BYTES more bytes (default 64).
    /// - `silent on|off`: answer nothing (a hung printer).
    /// - `status`, `receipts`, `last` (transcript of the last receipt, lines joined by ` | `),
    ///   `errors`, `notes`, `clear`, `help`.
    public func handleControl(_ line: String) async -> String {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first else { return "error empty command" }
        let argument = words.count > 1 ? words[1] : nil
        switch (verb, argument) {
        case ("paper", "ok"): await self.updateSensors { $0.paper = .ok; $0.linesUntilPaperOut = nil }
        case ("paper", "near-end"): await self.updateSensors { $0.paper = .nearEnd }
        case ("paper", "out"): await self.updateSensors { $0.paper = .out }
        case ("paper", "out-after"):
            guard words.count == 3, let lines = Int(words[2]), lines > 0 else { return "error usage: paper out-after LINES" }
            await self.updateSensors { $0.linesUntilPaperOut = lines }
        case ("cover", "open"): await self.updateSensors { $0.isCoverOpen = true }
        case ("cover", "closed"), ("cover", "close"): await self.updateSensors { $0.isCoverOpen = false }
        case ("cutter", "jam"): await self.updateSensors { $0.jamsAtNextCut = true }
        case ("cutter", "ok"): await self.updateSensors { $0.jamsAtNextCut = false; $0.hasCutterError = false }
        case ("fault", "unrecoverable"): await self.updateSensors { $0.hasUnrecoverableError = true }
        case ("fault", "clear"): await self.updateSensors { $0.hasUnrecoverableError = false; $0.hasCutterError = false }
        case ("silent", "on"): await self.updateSensors { $0.isSilent = true }
        case ("silent", "off"): await self.updateSensors { $0.isSilent = false }
        case ("drop-next-job", _):
            let bytes = argument.flatMap(Int.init) ?? 64
            guard bytes > 0 else { return "error usage: drop-next-job [BYTES]" }
            self.dropConnection(afterBytes: bytes)
            return "ok the connection drops after \(bytes) more bytes"
        case ("status", nil):
            return "ok \(self.sensors) receipts=\(self.receipts.count) held=\(self.heldCommandCount) errors=\(self.decodeErrors.count)"
        case ("receipts", nil): return "ok \(self.receipts.count)"
        case ("last", nil):
            guard let last = self.receipts.last else { return "error no receipt printed yet" }
            return "ok " + last.transcript.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " | ")
        case ("errors", nil):
            return "ok \(self.decodeErrors.count)" + (self.decodeErrors.isEmpty ? "" : ": " + self.decodeErrors.suffix(5).map(\.description).joined(separator: "; "))
        case ("notes", nil):
            return "ok \(self.notes.count)" + (self.notes.isEmpty ? "" : ": " + self.notes.suffix(5).joined(separator: "; "))
        case ("clear", nil):
            self.clearOutput()
            return "ok cleared"
        case ("help", nil): return "ok " + Self.controlHelp
        default:
            return "error unknown command '\(line)'; try: \(Self.controlHelp)"
        }
        return "ok \(self.sensors)"
    }
}
