import Foundation
import CertificatePrinter
import Testing

@Suite("libcups shim")
struct CUPSConnectionTests {
    @Test func libcupsNamesItsDefaultServer() {
        let server = CUPSConnection.defaultServer
        // CUPS_SERVER, client.conf, or the local socket / localhost: never empty.
        #expect(!server.isEmpty)
        if let environment = ProcessInfo.processInfo.environment["CUPS_SERVER"] {
            #expect(server == environment)
        }
    }

    @Test func aMissingSchedulerIsAClearError() {
        do {
            _ = try CUPSConnection(server: "/nonexistent/onetrip-cups.sock", timeout: .milliseconds(500))
            Issue.record("connected to nothing")
        } catch {
            #expect(error.description.contains("/nonexistent/onetrip-cups.sock"))
            #expect(error.description.contains("cupsd"))
        }
    }
}
