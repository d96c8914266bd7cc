import KioskCore

/// Turns a capture of reader traffic into a readable report for a technician: each frame at its
/// byte offset, its command or SW3 status, and the card fields a read carries (masked unless
/// revealed). Malformed frames are reported with their byte offset and decoding carries on at
/// the next preamble.
public struct SAMTrafficReport: Sendable {
    /// The report's lines.
    public private(set) var lines: [String] = []
    /// How many frames decoded.
    public private(set) var frameCount = 0
    /// How many problems (malformed frames, noise, truncation) were found.
    public private(set) var problemCount = 0

    /// Builds the report.
    /// - Parameters:
    ///   - capture: the parsed capture.
    ///   - reveal: show names, numbers, addresses and birth dates in full (personal data: only on
    ///     the technician's own screen, never in a ticket).
    public init(capture: HexCapture, reveal: Bool = false) {
        var decoder = SAMFrameDecoder()
        decoder.append(capture.bytes)
        var lastCommand: SAMCommand?
        var afterBadFrame = false
        while true {
            var output: SAMFrameDecoder.Output?
            do throws(SAMFrameError) {
                output = try decoder.next()
                if output == nil { output = try decoder.finish() }
            } catch {
                self.problem(at: error.offset, capture, "error: \(error)")
                afterBadFrame = true
                continue
            }
            guard let output else { break }
            defer { afterBadFrame = false }
            switch output {
            case .skipped(let count, let offset) where afterBadFrame:
                self.lines.append("\(Self.position(offset, capture))  \(count) bytes skipped: the rest of that frame")
            case .skipped(let count, let offset):
                let shown = capture.bytes[offset..<(offset + min(count, 16))].hexString + (count > 16 ? " …" : "")
                self.problem(at: offset, capture, "\(count) bytes skipped: no frame preamble (\(shown))")
            case .frame(let frame, let offset):
                self.frameCount += 1
                let direction = capture.direction(atOffset: offset) ?? Self.guessDirection(of: frame)
                let bytes = frame.encoded
                let shown = bytes.count <= 32 ? bytes.hexString : bytes.prefix(10).hexString + " … (\(bytes.count) bytes)"
                self.lines.append("\(Self.position(offset, capture))  \(direction.rawValue)  \(shown)")
                switch direction {
                case .hostToReader:
                    do {
                        let command = try SAMCommand(frame: frame)
                        lastCommand = command
                        self.lines.append("    \(command.name.en) (\(command.name.zh))")
                    } catch {
                        self.problem(at: offset, capture, "not a known command: \(error)")
                    }
                case .readerToHost:
                    self.describeReply(frame, after: lastCommand, reveal: reveal, at: offset, capture)
                }
            }
        }
        self.lines.append("\(self.frameCount) frames, \(self.problemCount) problems")
    }

    /// The report as text.
    public var text: String { self.lines.joined(separator: "\n") }

    private mutating func describeReply(_ frame: SAMFrame, after command: SAMCommand?, reveal: Bool, at offset: Int, _ capture: HexCapture) {
        let response: SAMResponse
        do {
            response = try SAMResponse(frame: frame)
        } catch {
            self.problem(at: offset, capture, "not a reply: \(error)")
            return
        }
        let answering = command.map { " to \($0.name.en)" } ?? ""
        self.lines.append("    \(response.status)\(answering), \(response.data.count) data bytes")
        guard response.status.category == .success, let command else { return }
        switch command {
        case .findCard: self.lines.append("    card chip number (IIN): \(response.data.hexString)")
        case .readSAMID:
            if let identifier = SAMIdentifier(replyData: response.data) { self.lines.append("    SAM ID: \(identifier)") }
        case .readTextAndPhoto, .readWithFingerprints:
            do {
                let payload = try CardReadPayload(replyData: response.data, withFingerprints: command == .readWithFingerprints)
                self.describeCard(payload, reveal: reveal)
            } catch {
                self.problem(at: offset, capture, "read data: \(error)")
            }
        case .readAppendedAddress:
            let field = CardTextField(.address, 0, response.data.count - response.data.count % 2)
            if let text = try? CardTextDecoder.text(of: field, in: response.data) {
                self.lines.append("    appended address: \(reveal ? text : PersonalDataMask.address(text))")
            }
        default: break
        }
    }

    private mutating func describeCard(_ payload: CardReadPayload, reveal: Bool) {
        self.lines.append("    text \(payload.text.count) bytes, \(payload.photo)" + (payload.fingerprints.map { ", \($0)" } ?? ""))
        do {
            let (cardType, fields) = try CardTextDecoder.fields(of: payload.text)
            self.lines.append("    card: \(cardType.name.en) (\(cardType.name.zh))")
            for (field, value) in fields where field.name != .typeLetter {
                let shown = reveal ? value : Self.mask(value, field.name)
                let label = Self.padded(field.name.label, 36)
                let offset = Self.padded(String(field.offset), 3)
                self.lines.append("      \(label) @\(offset)  \(shown)\(Self.meaning(value, field.name))")
            }
            _ = try CardTextDecoder.decode(payload.text)
            self.lines.append("    text decodes: ok")
        } catch {
            self.problemCount += 1
            self.lines.append("    text does not decode: \(error)")
        }
    }

    private mutating func problem(at offset: Int, _ capture: HexCapture, _ text: String) {
        self.problemCount += 1
        self.lines.append("\(Self.position(offset, capture))  \(text)")
    }

    private static func position(_ offset: Int, _ capture: HexCapture) -> String {
        "offset \(padded(String(offset), 5))" + (capture.line(ofOffset: offset).map { " (line \($0))" } ?? "")
    }

    /// A reply starts with SW1 SW2 (normally 00 00); a request with a known CMD and no more than one data byte.
    static func guessDirection(of frame: SAMFrame) -> HexCapture.Direction {
        if frame.body.count <= 3, (try? SAMCommand(frame: frame)) != nil { return .hostToReader }
        return .readerToHost
    }

    static func mask(_ value: String, _ field: CardTextField.Name) -> String {
        guard !value.isEmpty else { return "" }
        switch field {
        case .name, .englishName, .englishNameContinued: return PersonalDataMask.name(value)
        case .number, .travelPermitNumber: return PersonalDataMask.idNumber(value)
        case .address: return PersonalDataMask.address(value)
        case .birthDate: return String(value.prefix(4)) + "****"
        default: return value
        }
    }

    static func meaning(_ value: String, _ field: CardTextField.Name) -> String {
        switch field {
        case .sex: " (\(Sex(code: value).name.en))"
        case .ethnicity: Ethnicity(code: value).map { " (\($0.name.zh) \($0.name.en))" } ?? (value.isEmpty ? "" : " (unknown code)")
        default: ""
        }
    }

    /// Pads to a column width on a terminal, counting CJK characters as two columns.
    static func padded(_ text: String, _ width: Int) -> String {
        let columns = text.unicodeScalars.reduce(0) { sum, scalar in
            let isWide =
                scalar.properties.isIdeographic || (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            return sum + (isWide ? 2 : 1)
        }
        return text + String(repeating: " ", count: max(0, width - columns))
    }
}
