import KioskCore

/// The SW3 status byte a SAM puts in every reply (frame offset 9), with the meaning the protocol
/// documents give it. Unknown values are kept, so a new reader's code is shown, not lost.
///
/// Source: shared/research/idcard-sam-protocol.md §2.2 (softs.im; HslCommunication
/// `SAMSerial.GetErrorDescription`; libzhouyb `ISdtApi.h`; a public libsamv header).
public struct SAMStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The byte.
    public let rawValue: UInt8

    /// Wraps a byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 0x90 操作成功: success.
    public static let success = SAMStatus(rawValue: 0x90)
    /// 0x9F 寻找证/卡成功: a card was found (the success code of find only).
    public static let cardFound = SAMStatus(rawValue: 0x9F)
    /// 0x91 证/卡中此项无内容: the card has nothing for this item (no appended address).
    public static let noContent = SAMStatus(rawValue: 0x91)
    /// 0x10 接收业务终端数据的校验和错: the SAM got a host frame with a bad checksum.
    public static let hostChecksumError = SAMStatus(rawValue: 0x10)
    /// 0x11 接收业务终端数据的长度错: the SAM got a host frame with a bad length.
    public static let hostLengthError = SAMStatus(rawValue: 0x11)
    /// 0x21 接收业务终端命令错误: unknown command or parameter.
    public static let invalidCommand = SAMStatus(rawValue: 0x21)
    /// 0x23 越权操作: operation not permitted.
    public static let unauthorizedOperation = SAMStatus(rawValue: 0x23)
    /// 0x24 无法识别的错误: unrecognised error.
    public static let unrecognizedError = SAMStatus(rawValue: 0x24)
    /// 0x31 证/卡认证SAM失败: the card did not accept the SAM.
    public static let cardRejectedSAM = SAMStatus(rawValue: 0x31)
    /// 0x32 SAM认证证/卡失败: the SAM did not accept the card (possible forgery).
    public static let samRejectedCard = SAMStatus(rawValue: 0x32)
    /// 0x33 信息验证错误: the card's data failed verification.
    public static let verificationFailed = SAMStatus(rawValue: 0x33)
    /// 0x40 无法识别的卡类型: not an ID card (a bank or transit card).
    public static let unrecognizedCardType = SAMStatus(rawValue: 0x40)
    /// 0x41 读证/卡操作失败: reading the card failed (moved too soon).
    public static let readFailed = SAMStatus(rawValue: 0x41)
    /// 0x47 取随机数失败: getting a random number from the card failed.
    public static let randomNumberFailed = SAMStatus(rawValue: 0x47)
    /// 0x60 SAM自检失败，不能接收命令: the SAM's self-test failed; it takes no commands.
    public static let samSelfTestFailed = SAMStatus(rawValue: 0x60)
    /// 0x66 SAM未经授权: the SAM is not authorised.
    public static let samNotAuthorized = SAMStatus(rawValue: 0x66)
    /// 0x80 寻找证/卡失败: no card in the field (the normal idle answer to find).
    public static let cardNotFound = SAMStatus(rawValue: 0x80)
    /// 0x81 选取证/卡失败: selecting the card failed.
    public static let selectFailed = SAMStatus(rawValue: 0x81)

    /// Every documented code.
    public static let all: [SAMStatus] = [
        .success, .cardFound, .noContent, .hostChecksumError, .hostLengthError, .invalidCommand, .unauthorizedOperation,
        .unrecognizedError, .cardRejectedSAM, .samRejectedCard, .verificationFailed, .unrecognizedCardType, .readFailed,
        .randomNumberFailed, .samSelfTestFailed, .samNotAuthorized, .cardNotFound, .selectFailed,
    ]

    /// Whether the code is in the documented table.
    public var isKnown: Bool { Self.messages[self.rawValue] != nil }

    /// What the code means, in the documents' Chinese and in English.
    public var message: LocalizedText {
        if let known = Self.messages[self.rawValue] { return known }
        return LocalizedText(zh: "未知状态码 0x\(self.rawValue.hexByte)", en: "undocumented status 0x\(self.rawValue.hexByte)")
    }

    /// `SW3 0x80 寻找证/卡失败 (find failed: no card in the field)`.
    public var description: String { "SW3 0x\(self.rawValue.hexByte) \(self.message.zh) (\(self.message.en))" }

    private static let messages: [UInt8: LocalizedText] = [
        0x90: LocalizedText(zh: "操作成功", en: "success"),
        0x9F: LocalizedText(zh: "寻找证/卡成功", en: "card found"),
        0x91: LocalizedText(zh: "证/卡中此项无内容", en: "the card has no content for this item"),
        0x10: LocalizedText(zh: "接收业务终端数据的校验和错", en: "checksum error in the host's frame"),
        0x11: LocalizedText(zh: "接收业务终端数据的长度错", en: "length error in the host's frame"),
        0x21: LocalizedText(zh: "接收业务终端命令错误", en: "unknown command or parameter"),
        0x23: LocalizedText(zh: "越权操作", en: "operation not permitted"),
        0x24: LocalizedText(zh: "无法识别的错误", en: "unrecognised error"),
        0x31: LocalizedText(zh: "证/卡认证SAM失败", en: "the card did not authenticate the SAM"),
        0x32: LocalizedText(zh: "SAM认证证/卡失败", en: "the SAM did not authenticate the card"),
        0x33: LocalizedText(zh: "信息验证错误", en: "card data verification failed"),
        0x40: LocalizedText(zh: "无法识别的卡类型", en: "unrecognised card type (not an ID card)"),
        0x41: LocalizedText(zh: "读证/卡操作失败", en: "reading the card failed"),
        0x47: LocalizedText(zh: "取随机数失败", en: "getting a random number from the card failed"),
        0x60: LocalizedText(zh: "SAM自检失败，不能接收命令", en: "SAM self-test failed; it accepts no commands"),
        0x66: LocalizedText(zh: "SAM未经授权", en: "SAM not authorised"),
        0x80: LocalizedText(zh: "寻找证/卡失败", en: "find failed: no card in the field"),
        0x81: LocalizedText(zh: "选取证/卡失败", en: "selecting the card failed"),
    ]
}
