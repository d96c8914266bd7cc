import CertificatePrinter
import DeviceKit
import Foundation
import KioskTestSupport
import Simulators

/// A private cupsd with ippeveprinter behind it (``Simulators/PrivateCUPS``) and a certificate
/// printer driver on it. Every blocking rig step (starting daemons, running CUPS tools, curl)
/// runs off the cooperative pool.
struct CUPSUnderTest: Sendable {
    let cups: PrivateCUPS
    let directory: URL
    let driver: CertificatePrinterDriver

    static func start() async throws -> CUPSUnderTest {
        let cups = try await offloaded { try PrivateCUPS.start() }
        let directory = try Fixtures.temporaryDirectory("diag-cups")
        let driver = try CertificatePrinterDriver(
            configuration: Self.configuration(cups), journalPath: directory.appendingPathComponent("kiosk.sqlite").path, issuingKey: IssuingKey(),
            kioskID: "HS-0001", issuingOffice: "示例市公安局示例派出所")
        return CUPSUnderTest(cups: cups, directory: directory, driver: driver)
    }

    static func configuration(_ cups: PrivateCUPS, queue: String? = nil, server: String? = nil) -> CertificatePrinterConfiguration {
        CertificatePrinterConfiguration(
            server: server ?? cups.socketPath, queue: queue ?? cups.queue, jobTimeout: .seconds(90), deviceProbeInterval: .milliseconds(300),
            faultTolerance: .seconds(20), statusInterval: .milliseconds(500))
    }

    func checks(for driver: CertificatePrinterDriver? = nil) -> [any DiagnosticCheck] {
        CertificatePrinterDiagnostics(printer: driver ?? self.driver, faultTolerance: .seconds(2)).checks
    }

    /// Runs a CUPS administration tool against the rig's cupsd.
    func admin(_ tool: String, _ arguments: [String]) async throws {
        let cups = self.cups
        _ = try await offloaded { try cups.admin(tool, arguments) }
    }

    /// Runs blocking rig work off the cooperative pool.
    func rig(_ body: @escaping @Sendable (PrivateCUPS) throws -> Void) async throws {
        let cups = self.cups
        try await offloaded { try body(cups) }
    }

    /// The plain text of the documents the printer received.
    func receivedText() async throws -> [String] {
        var texts: [String] = []
        for document in self.cups.receivedDocuments() {
            texts.append(try await CommandLineTool.run("pdftotext", ["-enc", "UTF-8", document.path, "-"]).text)
        }
        return texts
    }

    func stop() async {
        let cups = self.cups
        _ = try? await offloaded { cups.stop() }
        try? FileManager.default.removeItem(at: self.directory)
    }
}
