import Foundation

extension RecordsGatewayServer {
    /// Everything the control socket understands.
    public static let controlHelp = GatewayFaults.controlHelp

    /// Answers one control line (`fail 503 2`, `delay 2s`, `status`, `requests 5`, `clear`) with
    /// one reply line: `ok …` or `error …`. Pass it to `SimulatorControlServer`.
    public func handle(controlLine line: String) -> String {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        switch words.first?.lowercased() {
        case "status":
            let (faults, count) = (self.faults, self.requestCount)
            return "ok \(faults.summary); \(count) records requests served"
        case "requests":
            let limit = words.count > 1 ? Int(words[1]) : 10
            guard let limit, limit > 0 else { return "error usage: requests [N]" }
            let records = self.requests().suffix(limit)
            return "ok \(records.count) requests" + (records.isEmpty ? "" : ": " + records.map(\.description).joined(separator: " | "))
        case "help":
            return "ok " + Self.controlHelp.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " | ")
        default:
            do {
                guard let reply = try self.applyFaultCommand(line) else {
                    return "error unknown command '\(words.first ?? "")' (try help)"
                }
                return reply
            } catch {
                return "error \(error)"
            }
        }
    }
}
