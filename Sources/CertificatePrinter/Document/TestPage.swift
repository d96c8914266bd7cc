/// The technician's one-page printer test page: where and when, through which queue, a
/// character test, grey steps, line weights and a frame at the print margins. It is marked
/// TEST PAGE and "not a certificate" on the page and in a watermark, carries no citizen data,
/// and is not signed: its QR code holds plain text, never a verification payload.
public struct TestPage: Hashable, Sendable {
    /// The kiosk printing it.
    public var kioskID: String
    /// When it was printed.
    public var printedAt: IssueTime
    /// The CUPS queue it went through.
    public var queue: String
    /// The printer model from the profile, if known.
    public var model: String?

    /// Creates a test page.
    public init(kioskID: String, printedAt: IssueTime, queue: String, model: String? = nil) {
        self.kioskID = kioskID
        self.printedAt = printedAt
        self.queue = queue
        self.model = model
    }

    /// The heading: 测试页 TEST PAGE.
    public static let heading = "测试页 TEST PAGE"
    /// The statement that it proves nothing.
    public static let disclaimer = "非证明文件，不具任何证明效力 · NOT A CERTIFICATE: this page proves nothing"
    /// The character test line (GB 2312 and beyond, the full-width yuan sign, digits, Latin).
    public static let characterTest = "中文测试：居民身份证 社会保险 缴费证明 ￥12.50 0123456789 ABCDEFGHIJ abcdefghij"

    /// The CUPS job name (no personal data): `test-page-HS-0001`.
    public var jobName: String { "test-page-\(self.kioskID)" }

    /// The plain-text content of the page's QR code (`ONETRIP TEST PAGE HS-0001 2026-03-01 10:23:45`).
    public var qrText: String { "ONETRIP TEST PAGE \(self.kioskID) \(self.printedAt.chinaDateTime)" }

    /// The label/value lines of the information block.
    public var facts: [(label: String, value: String)] {
        var facts: [(label: String, value: String)] = [("终端 Kiosk", self.kioskID), ("时间 Time", self.printedAt.description), ("队列 Queue", self.queue)]
        if let model { facts.append(("型号 Model", model)) }
        return facts
    }
}
