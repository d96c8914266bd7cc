import KioskCore

/// The requests a host sends to the SAM module, with their command and parameter bytes.
///
/// Source: shared/research/idcard-sam-protocol.md §2.1 (SAM protocol pages, softs.im,
/// libzhouyb `SdtApiDevAdapter.h`, HslCommunication `SAMSerial`, THID `cmd_*`).
public enum SAMCommand: Hashable, Sendable, CustomStringConvertible {
    /// 10 FF, 复位SAM: resets the SAM module (success SW3 0x90).
    case resetSAM
    /// 11 FF, SAM状态检测: checks that the SAM is working (0x90; 0x60 when its self-test failed).
    case samStatus
    /// 12 FF, 读SAM管理信息: reads the SAM's 16-byte identifier (0x90).
    case readSAMID
    /// 20 01, 寻找证/卡: looks for a card in the field (0x9F found, 0x80 none).
    case findCard
    /// 20 02, 选取证/卡: selects the card just found (0x90; 0x81 failed).
    case selectCard
    /// 30 01, 读基本信息: reads the 256-byte text and the 1024-byte WLT photo (0x90).
    case readTextAndPhoto
    /// 30 03, 读最新追加住址: reads the newest appended address (0x90; 0x91 when there is none).
    case readAppendedAddress
    /// 30 10, 读信息+指纹: reads text, photo and fingerprints (0x90).
    case readWithFingerprints
    /// 60 0x, sets the reader's UART rate; the reply comes at the old rate.
    case setBaudRate(SAMBaudRate)
    /// 61 FF + one data byte, "set max RF byte", sent once at start-up by hev-idcard-reader only.
    /// Its meaning is uncertain (research §2.1); OneTrip never sends it and only decodes it.
    case setMaximumRFByteCount(UInt8)

    /// Every command with a fixed frame, for tables and tests.
    public static let allFixed: [SAMCommand] = [
        .resetSAM, .samStatus, .readSAMID, .findCard, .selectCard, .readTextAndPhoto, .readAppendedAddress,
        .readWithFingerprints,
    ]

    /// The CMD byte.
    public var code: UInt8 {
        switch self {
        case .resetSAM: 0x10
        case .samStatus: 0x11
        case .readSAMID: 0x12
        case .findCard, .selectCard: 0x20
        case .readTextAndPhoto, .readAppendedAddress, .readWithFingerprints: 0x30
        case .setBaudRate: 0x60
        case .setMaximumRFByteCount: 0x61
        }
    }

    /// The Para byte.
    public var parameter: UInt8 {
        switch self {
        case .resetSAM, .samStatus, .readSAMID, .setMaximumRFByteCount: 0xFF
        case .findCard: 0x01
        case .selectCard: 0x02
        case .readTextAndPhoto: 0x01
        case .readAppendedAddress: 0x03
        case .readWithFingerprints: 0x10
        case .setBaudRate(let rate): rate.rawValue
        }
    }

    /// The data bytes after Para (empty for all but 61 FF).
    public var data: [UInt8] {
        if case .setMaximumRFByteCount(let value) = self { return [value] }
        return []
    }

    /// The request frame.
    public var frame: SAMFrame { SAMFrame(body: [self.code, self.parameter] + self.data) }

    /// The request's bytes on the wire, e.g. `AA AA AA 96 69 00 03 20 01 22` for ``findCard``.
    public var encoded: [UInt8] { self.frame.encoded }

    /// The SW3 a successful reply carries: 0x9F for find, 0x90 for everything else (research §7.10).
    public var successStatus: SAMStatus { self == .findCard ? .cardFound : .success }

    /// Recognises a request frame.
    /// - Throws: ``SAMCommandError`` when the frame is too short or names no known command.
    public init(frame: SAMFrame) throws(SAMCommandError) {
        let body = frame.body
        guard body.count >= 2 else { throw .tooShort(bodyCount: body.count) }
        let code = body[0]
        let parameter = body[1]
        let data = Array(body.dropFirst(2))
        let command: SAMCommand? =
            switch (code, parameter) {
            case (0x10, 0xFF): .resetSAM
            case (0x11, 0xFF): .samStatus
            case (0x12, 0xFF): .readSAMID
            case (0x20, 0x01): .findCard
            case (0x20, 0x02): .selectCard
            case (0x30, 0x01): .readTextAndPhoto
            case (0x30, 0x03): .readAppendedAddress
            case (0x30, 0x10): .readWithFingerprints
            case (0x60, _): SAMBaudRate(rawValue: parameter).map(SAMCommand.setBaudRate)
            case (0x61, 0xFF) where data.count == 1: .setMaximumRFByteCount(data[0])
            default: nil
            }
        guard let command else { throw .unknown(code: code, parameter: parameter) }
        guard command.data == data else { throw .unexpectedData(code: code, parameter: parameter, count: data.count) }
        self = command
    }

    /// The command's name as the protocol documents call it.
    public var name: LocalizedText {
        switch self {
        case .resetSAM: LocalizedText(zh: "复位SAM", en: "reset SAM")
        case .samStatus: LocalizedText(zh: "SAM状态检测", en: "SAM status check")
        case .readSAMID: LocalizedText(zh: "读SAM管理信息", en: "read SAM ID")
        case .findCard: LocalizedText(zh: "寻找证/卡", en: "find card")
        case .selectCard: LocalizedText(zh: "选取证/卡", en: "select card")
        case .readTextAndPhoto: LocalizedText(zh: "读基本信息", en: "read text and photo")
        case .readAppendedAddress: LocalizedText(zh: "读最新追加住址", en: "read appended address")
        case .readWithFingerprints: LocalizedText(zh: "读信息+指纹", en: "read text, photo and fingerprints")
        case .setBaudRate(let rate): LocalizedText(zh: "设置波特率 \(rate.bitsPerSecond)", en: "set baud rate \(rate.bitsPerSecond)")
        case .setMaximumRFByteCount(let value):
            LocalizedText(zh: "设置射频最大字节 0x\(value.hexByte)", en: "set max RF byte 0x\(value.hexByte)")
        }
    }

    /// `20 01 find card (寻找证/卡)`.
    public var description: String {
        "\(([self.code, self.parameter] + self.data).hexString) \(self.name.en) (\(self.name.zh))"
    }
}

/// The UART rates command 60 selects (research §2.1: para 00…04).
public enum SAMBaudRate: UInt8, Hashable, Sendable, CaseIterable {
    /// 115200 bps, the default.
    case rate115200 = 0x00
    /// 57600 bps.
    case rate57600 = 0x01
    /// 38400 bps.
    case rate38400 = 0x02
    /// 19200 bps.
    case rate19200 = 0x03
    /// 9600 bps.
    case rate9600 = 0x04

    /// The rate in bits per second.
    public var bitsPerSecond: Int {
        switch self {
        case .rate115200: 115_200
        case .rate57600: 57_600
        case .rate38400: 38_400
        case .rate19200: 19_200
        case .rate9600: 9600
        }
    }

    /// The parameter for a rate in bits per second, or `nil` when the SAM has no such rate.
    public init?(bitsPerSecond: Int) {
        guard let rate = Self.allCases.first(where: { $0.bitsPerSecond == bitsPerSecond }) else { return nil }
        self = rate
    }
}

/// Why a frame is not a request this protocol knows.
public enum SAMCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The body is shorter than CMD + Para.
    case tooShort(bodyCount: Int)
    /// No command has this CMD/Para pair (the SAM answers SW3 0x21).
    case unknown(code: UInt8, parameter: UInt8)
    /// A known command with data it does not take.
    case unexpectedData(code: UInt8, parameter: UInt8, count: Int)

    /// The problem in words.
    public var description: String {
        switch self {
        case .tooShort(let count): "request body has \(count) bytes, a command needs CMD and Para"
        case .unknown(let code, let parameter): "unknown command \(code.hexByte) \(parameter.hexByte)"
        case .unexpectedData(let code, let parameter, let count):
            "command \(code.hexByte) \(parameter.hexByte) does not take \(count) data bytes"
        }
    }
}
