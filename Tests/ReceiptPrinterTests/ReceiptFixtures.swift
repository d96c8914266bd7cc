import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import ReceiptPrinter
import Simulators
import Testing

/// Shared inputs for the receipt-printer tests: the shipped profiles, a fixed receipt job built
/// from a synthetic citizen, and helpers that run bytes through the simulated printer.
enum ReceiptFixtures {
    static let eightyMillimetre = "escpos-80mm-generic"
    static let fiftyEightMillimetre = "escpos-58mm-kiosk"
    static let network = "escpos-80mm-network"

    static func profile(_ id: String) throws -> DeviceProfile {
        let library = DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))
        #expect(library.errors.isEmpty, "\(library.errors)")
        return try #require(library[id], "profile \(id)")
    }

    static func capabilities(_ id: String) throws -> ReceiptPrinterCapabilities {
        guard case .receiptPrinter(let capabilities) = try self.profile(id).capabilities else {
            throw FixtureError("\(id) is not a receipt printer profile")
        }
        return capabilities
    }

    /// The transaction `HS-0001-000042T`.
    static let transaction = TransactionID(session: SessionID(kioskID: "HS-0001", number: 42))

    /// A cash payment of two traffic fines (¥350 due, ¥400 paid, ¥50 credited), shaped as the
    /// session builds it; the citizen is synthetic citizen alpha, masked.
    static func trafficFineJob(kind: ReceiptJob.Kind = .receipt, notice: LocalizedText? = nil) throws -> ReceiptJob {
        let citizen = try Fixtures.citizen("alpha")
        return ReceiptJob(
            transactionID: self.transaction, kind: kind, serviceName: LocalizedText(zh: "交通违法查询缴款", en: "Traffic violations and fines"),
            citizen: citizen.identity.masked,
            rows: [
                ReceiptRow(label: LocalizedText(zh: "决定书编号", en: "Decision No."), value: "3302031000000001"),
                ReceiptRow(label: LocalizedText(zh: "罚款", en: "Fine"), value: Money.yuan(200).description),
                ReceiptRow(label: LocalizedText(zh: "决定书编号", en: "Decision No."), value: "3302031000000002"),
                ReceiptRow(label: LocalizedText(zh: "罚款", en: "Fine"), value: Money.yuan(150).description),
            ],
            amountDue: .yuan(350), amountPaid: .yuan(400), paymentMethod: .cash, notice: notice)
    }

    /// 2026-11-26 14:03:05 Beijing time, kiosk HS-0001, a follow-up URL.
    static let context = ReceiptPrintContext(
        kioskID: "HS-0001", issuedAt: Date(timeIntervalSince1970: 1_795_672_985), followUp: "https://onetrip.example/t/HS-0001-000042T",
        heading: LocalizedText(zh: "示例市公安局示例路派出所", en: "Example Road Police Station"))

    /// The standard receipt for the traffic-fine job on a profile's paper.
    static func standardReceipt(_ capabilities: ReceiptPrinterCapabilities) throws -> ReceiptDocument {
        StandardReceipt.document(for: try self.trafficFineJob(), context: self.context, columns: capabilities.columns)
    }

    /// Prints bytes on a fresh simulated printer; returns it with the decode errors and replies.
    static func printOnSimulatedPrinter(
        _ bytes: [UInt8], capabilities: ReceiptPrinterCapabilities, chineseModeAtPowerOn: Bool? = nil
    ) -> (printer: ESCPOSPrinterModel, errors: [ESCPOSDecodeError], replies: [UInt8]) {
        var printer = ESCPOSPrinterModel(configuration: .init(capabilities: capabilities, chineseModeAtPowerOn: chineseModeAtPowerOn))
        var errors: [ESCPOSDecodeError] = []
        var replies: [UInt8] = []
        for output in ESCPOSDecoder.decodeAll(bytes) {
            switch output {
            case .command(let decoded): replies += printer.execute(decoded.command)
            case .error(let error): errors.append(error)
            }
        }
        return (printer, errors, replies)
    }
}

/// A set-up failure in a test.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Hex helpers for byte-level expectations.
enum Hex {
    static func bytes(_ text: String) -> [UInt8] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { UInt8($0, radix: 16)! }
    }

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }.joined(separator: " ")
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the array.
    func contains(sequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= self.count else { return needle.isEmpty }
        return (0...(self.count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
