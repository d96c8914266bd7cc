import Foundation
import KioskCore
import ReceiptPrinter

/// The session's receipt printing, performed by the ESC/POS driver: adds the kiosk id, the
/// issue time and the follow-up QR payload the session does not know.
public struct ReceiptPrinterPort: ReceiptPrinting {
    let driver: ReceiptPrinterDriver
    let kioskID: String
    let followUpBase: String

    /// Creates the port.
    /// - Parameter followUpBase: the start of the QR payload; the transaction id is appended
    ///   (`https://…/t/` or a scheme the office's follow-up desk scans).
    public init(driver: ReceiptPrinterDriver, kioskID: String, followUpBase: String = "onetrip:txn:") {
        self.driver = driver
        self.kioskID = kioskID
        self.followUpBase = followUpBase
    }

    public func print(_ job: ReceiptJob) async -> Result<Void, PrintFailure> {
        let context = ReceiptPrintContext(kioskID: self.kioskID, issuedAt: Date(), followUp: self.followUpBase + job.transactionID.description)
        do {
            _ = try await self.driver.print(job, context: context)
            return .success(())
        } catch {
            return .failure(error.printFailure)
        }
    }
}
