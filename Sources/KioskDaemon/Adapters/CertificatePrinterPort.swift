import CertificatePrinter
import KioskCore

/// The session's proof printing, performed by the CUPS driver (render, sign, submit, follow).
public struct CertificatePrinterPort: CertificatePrinting {
    let driver: CertificatePrinterDriver

    /// Creates the port.
    public init(driver: CertificatePrinterDriver) {
        self.driver = driver
    }

    public func print(_ job: CertificateJob, progress: @escaping @Sendable (Int, Int) -> Void) async -> Result<Void, PrintFailure> {
        let result = await self.driver.print(job, issuedAt: .now()) { step in progress(step.completed, step.total) }
        switch result.outcome {
        case .printed: return .success(())
        case .failed(let failure): return .failure(failure)
        case .canceled: return .failure(PrintFailure(detail: "cancelled by the session", mayHavePrintedPartially: true))
        }
    }

    public func cancel(_ transaction: TransactionID) async {
        _ = await self.driver.cancel(transaction)
    }
}
