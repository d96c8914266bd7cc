import Foundation
import KioskTestSupport

/// Test certificates made with openssl once per test run: a CA, a server certificate for
/// 127.0.0.1 and localhost issued by it, and a second CA that issued nothing (to check that a
/// kiosk trusting the wrong CA refuses the gateway).
struct TestPKI: Sendable {
    /// The CA that issued the server certificate (what a kiosk puts in `records.ca_file`).
    let caPath: String
    /// The server's certificate.
    let serverCertificatePath: String
    /// The server's private key.
    let serverKeyPath: String
    /// A CA unrelated to the server.
    let otherCAPath: String

    private static let made: Result<TestPKI, TestFailure> = {
        do {
            let directory = try Fixtures.temporaryDirectory("onetrip-records-pki")
            func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
            let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            for (name, subject) in [("ca", "/CN=OneTrip Test Records CA"), ("other-ca", "/CN=OneTrip Unrelated CA")] {
                try run(
                    ["req", "-x509"] + curve + [
                        "-days", "2", "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                        "-keyout", path("\(name).key"), "-out", path("\(name).pem"),
                    ])
            }
            try run(["req"] + curve + ["-subj", "/CN=localhost", "-keyout", path("server.key"), "-out", path("server.csr")])
            try "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".write(
                toFile: path("server.ext"), atomically: true, encoding: .utf8)
            try run([
                "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial", "-days", "2",
                "-extfile", path("server.ext"), "-out", path("server.pem"),
            ])
            return .success(TestPKI(caPath: path("ca.pem"), serverCertificatePath: path("server.pem"), serverKeyPath: path("server.key"), otherCAPath: path("other-ca.pem")))
        } catch let error as TestFailure {
            return .failure(error)
        } catch {
            return .failure(TestFailure("cannot make test certificates: \(error)"))
        }
    }()

    static func shared() throws -> TestPKI { try self.made.get() }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("openssl \(arguments.prefix(2).joined(separator: " ")) failed (\(process.terminationStatus))") }
    }
}

/// A failed test precondition, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
