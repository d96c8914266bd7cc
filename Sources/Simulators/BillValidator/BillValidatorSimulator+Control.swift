import CashModule
import KioskCore

extension BillValidatorSimulator {
    /// The control-socket commands, one per line (`onetrip sim bill-validator --control PATH`).
    public static let controlHelp = """
        insert YUAN [fake]      a citizen inserts a note (fake: one the unit refuses)
        jam safe|unsafe         the next note jams while stacking
        fraud                   the next note accepted is a fraud attempt
        stacker-full            the cash box fills up with the next note
        cashbox remove|replace  take the cash box out / put it back
        empty-cashbox           count out the cash box
        clear-jam               take a jammed note out
        power-cycle             cut power and restore it
        silent on|off           stop / resume answering
        trap COMMAND before|after   go silent at the next COMMAND (poll, hold, reject, ...)
        corrupt-next            corrupt the CRC of the next reply
        drop-next               execute the next command but drop its reply
        escrow-timeout DURATION how long a note may wait in escrow (5s)
        counters on|off         whether GET COUNTERS is supported
        unplug | plug           pull / reconnect the cable
        status                  show the unit's state
        """

    /// Answers one control line with one reply line (`ok …` or `error …`).
    public func handle(controlLine line: String) -> String {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first else { return "error empty command" }
        let argument = words.count > 1 ? words[1] : nil
        switch (verb, argument) {
        case ("insert", let yuan?):
            guard let value = Money(yuanText: yuan) else { return "error '\(yuan)' is not an amount in yuan" }
            if let problem = self.insert(value, genuine: words.count < 3 || words[2] != "fake") { return "error \(problem)" }
            return "ok inserted \(value)"
        case ("jam", let kind?) where kind == "safe" || kind == "unsafe":
            self.arm(.jamNextStack(safe: kind == "safe"))
            return "ok the next note jams (\(kind))"
        case ("fraud", nil):
            self.arm(.fraudNextNote)
            return "ok the next note is a fraud attempt"
        case ("stacker-full", nil):
            self.configure { $0.cashboxCapacity = $0.cashbox.count + 1 }
            return "ok the cash box fills with the next note"
        case ("cashbox", let action?) where action == "remove" || action == "replace":
            self.setCashbox(present: action == "replace")
            return "ok cash box \(action == "replace" ? "replaced" : "removed")"
        case ("empty-cashbox", nil):
            let notes = self.device.emptyCashbox()
            self.device.cashboxCapacity = 500
            return "ok emptied \(notes.count) note(s)"
        case ("clear-jam", nil):
            let channel = self.device.clearJam()
            return channel.map { "ok removed a jammed note from channel \($0)" } ?? "error nothing is jammed"
        case ("power-cycle", nil):
            self.powerCycle()
            return "ok power cycled"
        case ("silent", let mode?) where mode == "on" || mode == "off":
            self.setSilent(mode == "on")
            return "ok silent \(mode)"
        case ("trap", let name?):
            guard let command = Self.command(named: name), words.count == 3, ["before", "after"].contains(words[2]) else {
                return "error usage: trap COMMAND before|after"
            }
            self.trap(command, beforeExecuting: words[2] == "before")
            return "ok trap armed on \(command)"
        case ("corrupt-next", nil):
            self.corruptNext()
            return "ok the next reply has a bad CRC"
        case ("drop-next", nil):
            self.dropNext()
            return "ok the next reply is dropped"
        case ("escrow-timeout", let text?):
            guard let duration = Self.duration(text) else { return "error '\(text)' is not a duration (5s, 300ms)" }
            self.configure { $0.escrowTimeout = duration }
            return "ok escrow timeout \(duration)"
        case ("counters", let mode?) where mode == "on" || mode == "off":
            self.configure { $0.hasCounters = mode == "on" }
            return "ok counters \(mode)"
        case ("unplug", nil):
            self.link.unplug()
            return "ok unplugged"
        case ("plug", nil):
            do { try self.link.plugIn() } catch { return "error \(error)" }
            return "ok plugged in at \(self.link.devicePath)"
        case ("status", nil):
            let unit = self.state
            let cashbox = unit.cashbox.map { unit.value(ofChannel: $0) }
            return "ok enabled=\(unit.isEnabled) stage=\(unit.stage.map { "\($0)" } ?? "empty") cashbox=\(cashbox.sum()) (\(cashbox.count) notes) returned=\(unit.returned.count) counters=[\(unit.counters)]"
        case ("help", _):
            return "ok " + Self.controlHelp.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " | ")
        default:
            return "error unknown command '\(line)' (try: help)"
        }
    }

    static func command(named name: String) -> SSPCommand? {
        switch name.lowercased() {
        case "sync": .sync
        case "poll": .poll
        case "hold": .hold
        case "reject": .reject
        case "enable": .enable
        case "disable": .disable
        case "setup": .setupRequest
        case "counters": .getCounters
        case "reset": .reset
        default: nil
        }
    }

    /// Parses `5s`, `300ms`, `2m` (control commands and command-line options).
    public static func duration(_ text: String) -> Duration? {
        let units: [(String, (Int64) -> Duration)] = [("ms", { .milliseconds($0) }), ("s", { .seconds($0) }), ("m", { .seconds($0 * 60) })]
        for (suffix, make) in units where text.hasSuffix(suffix) {
            if let number = Int64(text.dropLast(suffix.count)), number >= 0 { return make(number) }
        }
        return nil
    }
}
