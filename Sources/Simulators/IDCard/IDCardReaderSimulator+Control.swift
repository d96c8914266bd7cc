import Foundation
import IDCardReader

extension IDCardReaderSimulator {
    /// The control-socket commands, for `help` and error replies.
    public static let controlUsage =
        "place [NAME] | remove | fault NAME [COUNT|always] | fault clear | halt-after-read on|off | unplug | plug | status | list"

    /// Answers one line from the control socket (``SimulatorControlServer``) with one reply line,
    /// `ok …` or `error …`. Replies mask names.
    public func perform(_ line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first else { return "error empty command; try: \(Self.controlUsage)" }
        switch (verb, words.count) {
        case ("place", 1...2):
            do {
                let card = try self.place(words.count == 2 ? words[1] : nil)
                return "ok placed \(card)"
            } catch {
                return "error \(error)"
            }
        case ("remove", 1):
            self.remove()
            return "ok removed"
        case ("fault", 2) where words[1] == "clear", ("clear", 1):
            self.clearFaults()
            return "ok faults cleared"
        case ("fault", 2...3):
            guard let fault = IDCardReaderFault(rawValue: words[1]) else {
                return "error unknown fault '\(words[1])'; faults: \(IDCardReaderFault.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            var count: Int? = 1
            if words.count == 3 {
                if words[2] == "always" {
                    count = nil
                } else if let number = Int(words[2]), number > 0 {
                    count = number
                } else {
                    return "error count '\(words[2])' is neither a positive number nor 'always'"
                }
            }
            self.inject(fault, count: count)
            return "ok faults \(self.sam.faults)"
        case ("halt-after-read", 2) where ["on", "off"].contains(words[1]):
            self.setHaltsCardAfterRead(words[1] == "on")
            return "ok halt-after-read \(words[1])"
        case ("unplug", 1):
            self.unplug()
            return "ok unplugged"
        case ("plug", 1):
            do {
                try self.plugIn()
                return "ok plugged in at \(self.link.slavePath ?? self.devicePath)"
            } catch {
                return "error \(error)"
            }
        case ("status", 1):
            let card = self.sam.card.map(\.description) ?? "none"
            let readAt = self.lastReadSentAt.map { String(format: "%.6f", $0.timeIntervalSince1970) } ?? "never"
            return "ok card=\(card) plugged=\(self.link.isPluggedIn ? "yes" : "no") faults=\(self.sam.faults) replies=\(self.replyCount) read-sent-at=\(readAt)"
        case ("list", 1):
            return "ok " + self.cards.map { "\($0.key):\($0.identity.cardType.rawValue)" }.joined(separator: " ")
        case ("help", _):
            return "ok \(Self.controlUsage)"
        default:
            return "error unknown command '\(line)'; try: \(Self.controlUsage)"
        }
    }
}

extension IDCardReaderSimulator {
    /// Where `onetrip sim idcard` listens for control commands unless told otherwise:
    /// `$TMPDIR/onetrip-sim-idcard.sock` (`/tmp/…` without `TMPDIR`).
    public static var defaultControlPath: String {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/onetrip-sim-idcard.sock"
    }
}
