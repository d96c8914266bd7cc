import Foundation
import Simulators

#if canImport(Glibc)
import Glibc
#endif

/// A whole simulated kiosk for the daemon benchmark, built from the release binaries next to
/// `onetrip-bench`: the ID card reader, receipt printer, bill validator and scanner simulators on
/// PTYs, a private cupsd with an IPP printer (`onetrip sim cups`), and `onetripd` itself, which
/// the benchmark starts and stops (to time cold starts) with a `NOTIFY_SOCKET` of its own.
final class BenchKiosk: @unchecked Sendable {
    let directory: URL
    let binaries: URL
    private var simulators: [ChildProcess] = []
    private(set) var daemon: ChildProcess?
    /// The private cupsd's error log (microsecond timestamps: job queued and completed).
    private(set) var cupsLog = ""

    init() throws {
        self.binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for tool in ["onetrip", "onetripd"] where !FileManager.default.isExecutableFile(atPath: self.binaries.appendingPathComponent(tool).path) {
            throw BenchKioskError("\(tool) is not built next to onetrip-bench: run scripts/bench (it builds every product in release mode)")
        }
        self.directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onetrip-bench-kiosk-\(getpid())")
        try? FileManager.default.removeItem(at: self.directory)
        for folder in ["dev", "run", "data", "logs", "keys", "proofs"] {
            try FileManager.default.createDirectory(at: self.directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    func path(_ relative: String) -> String { self.directory.appendingPathComponent(relative).path }

    /// Starts the simulators and writes onetrip.toml.
    func startSimulators(seeds: URL, profiles: URL) async throws {
        let seeds = seeds.path
        let profiles = profiles.path
        try self.spawn("idcard", ["sim", "idcard", "--link", self.path("dev/idcard"), "--control", self.path("run/idcard.sock"), "--citizens", seeds + "/citizens.json"])
        try self.spawn("receipt", ["sim", "receipt-printer", "--link", self.path("dev/receipt"), "--control", self.path("run/receipt.sock"), "--profiles", profiles])
        try self.spawn("validator", ["sim", "bill-validator", "--link", self.path("dev/validator"), "--control", self.path("run/validator.sock")])
        try self.spawn("scanner", ["sim", "scanner", "--link", self.path("dev/scanner"), "--control", self.path("run/scanner.sock")])
        try self.spawn("cups", ["sim", "cups", "--output", self.path("proofs")])
        try self.spawn("gateway", ["sim", "payment-gateway", "--port", "0", "--merchant-key", "bench-merchant-key"])
        try "bench-merchant-key\n".write(toFile: self.path("keys/merchant.key"), atomically: true, encoding: .utf8)
        chmod(self.path("keys/merchant.key"), 0o600)
        for link in ["idcard", "receipt", "validator", "scanner"] { try await self.waitFor { FileManager.default.fileExists(atPath: self.path("dev/\(link)")) } }
        var server = ""
        try await self.waitFor(seconds: 90) {
            let text = (try? String(contentsOfFile: self.path("logs/cups.log"), encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n")
            server = lines.first { $0.hasPrefix("server") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) } ?? ""
            self.cupsLog = lines.first { $0.hasPrefix("log") }.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) } ?? ""
            return !server.isEmpty && !self.cupsLog.isEmpty
        }
        var gatewayPort = 0
        try await self.waitFor {
            let text = (try? String(contentsOfFile: self.path("logs/gateway.log"), encoding: .utf8)) ?? ""
            gatewayPort = text.range(of: "http://127.0.0.1:").flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) } ?? 0
            return gatewayPort != 0
        }
        let configuration = """
            [kiosk]
            id = "HS-BENCH"
            office = "示例市公安局示例派出所（基准测试）"
            data_directory = "\(self.path("data"))"
            seeds_directory = "\(seeds)"
            profiles_directory = "\(profiles)"

            [devices.id_card_reader]
            profile = "idcard-sam-serial-generic"
            path = "\(self.path("dev/idcard"))"

            [devices.receipt_printer]
            profile = "escpos-80mm-generic"
            path = "\(self.path("dev/receipt"))"

            [devices.certificate_printer]
            profile = "a4-laser-cups"
            cups_server = "\(server)"

            [devices.bill_validator]
            profile = "itl-nv9-nv200-cny"
            path = "\(self.path("dev/validator"))"

            [devices.payment_code_scanner]
            profile = "serial-payment-code-scanner"
            path = "\(self.path("dev/scanner"))"

            [payment]
            provider_url = "http://127.0.0.1:\(gatewayPort)"
            key_file = "\(self.path("keys/merchant.key"))"

            [sockets]
            control = "\(self.path("run/control.sock"))"
            screen = "\(self.path("run/screen.sock"))"

            [privacy]
            citizen_key_file = "\(self.path("keys/citizen.key"))"

            """
        try configuration.write(toFile: self.path("onetrip.toml"), atomically: true, encoding: .utf8)
    }

    /// Starts onetripd and returns the time from spawn to its `READY=1` on `NOTIFY_SOCKET`.
    func startDaemon() async throws -> Duration {
        let notify = try NotifyListener(path: self.path("run/notify.sock"))
        defer { notify.close() }
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        let clock = ContinuousClock()
        let start = clock.now
        self.daemon = try ChildProcess(
            path: self.binaries.appendingPathComponent("onetripd").path, arguments: ["--config", self.path("onetrip.toml")],
            environment: environment, logPath: self.path("logs/onetripd.log"))
        guard try await notify.waitForReady(timeout: .seconds(60)) else {
            throw BenchKioskError("onetripd sent no READY=1 within 60 s; see \(self.path("logs/onetripd.log"))")
        }
        return clock.now - start
    }

    /// Stops onetripd with SIGTERM (a clean shutdown).
    func stopDaemon() async {
        await self.daemon?.stop(grace: 30)
        self.daemon = nil
    }

    /// Sends a control command to a simulator.
    func control(_ simulator: String, _ command: String) async throws -> String {
        try await SimulatorControlClient.send(command, to: self.path("run/\(simulator).sock"))
    }

    func stop() async {
        await self.stopDaemon()
        for process in self.simulators.reversed() { await process.stop() }
        try? FileManager.default.removeItem(at: self.directory)
    }

    private func spawn(_ name: String, _ arguments: [String]) throws {
        self.simulators.append(
            try ChildProcess(
                path: self.binaries.appendingPathComponent("onetrip").path, arguments: arguments,
                environment: ProcessInfo.processInfo.environment, logPath: self.path("logs/\(name).log")))
    }

    private func waitFor(seconds: Int = 30, _ condition: () -> Bool) async throws {
        for _ in 0..<(seconds * 20) {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchKioskError("a simulator did not start within \(seconds) s; logs in \(self.path("logs"))")
    }
}

/// A benchmark kiosk that could not be set up.
struct BenchKioskError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
