import DeviceKit
import Foundation
import Journal
import KioskCore
import KioskTestSupport
import Simulators

/// A whole kiosk on this machine, every device simulated, for end-to-end tests: the ID card
/// reader, receipt printer, bill validator and scanner simulators on PTYs, a private cupsd with
/// an IPP printer, the payment gateway and the ingest hub — each its own process — and the real
/// `onetripd` process configured to use them. The test plays the screen process.
final class KioskRig: @unchecked Sendable {
    let directory: URL
    let binaries: URL
    private(set) var processes: [String: ChildProcess] = [:]
    private(set) var daemon: ChildProcess?
    private(set) var screen: ScreenClient?
    let kioskID = "HS-E2E"
    var hubPort = 0
    var gatewayPort = 0
    var recordsGatewayPort = 0
    var cupsSocket = ""

    /// Options for the kiosk under test.
    struct Options {
        var isOneSwipe = true
        /// `[session]` lines added to the configuration (short timeouts for walk-away tests).
        var session: [String: String] = [:]
        /// Devices left out of the configuration.
        var withoutDevices: Set<String> = []
        /// Records from `onetrip sim records-gateway` (control socket `run/records.sock`) instead of the embedded seeds.
        var recordsGateway = false
    }

    let options: Options

    private init(directory: URL, options: Options) {
        self.directory = directory
        self.options = options
        self.binaries = Self.binaryDirectory
    }

    /// The folder holding the built `onetrip` and `onetripd` next to this test bundle.
    static var binaryDirectory: URL {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("onetripd").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory
    }

    func path(_ relative: String) -> String { self.directory.appendingPathComponent(relative).path }

    /// Starts every simulator, the hub and onetripd, and connects as the screen.
    static func start(_ options: Options = Options()) async throws -> KioskRig {
        let rig = KioskRig(directory: try Fixtures.temporaryDirectory("kiosk-rig"), options: options)
        do {
            try await rig.startSimulators()
            try rig.writeConfiguration()
            try await rig.startDaemon()
        } catch {
            await rig.stop()
            throw error
        }
        return rig
    }

    private func startSimulators() async throws {
        for folder in ["dev", "run", "receipts", "proofs", "data", "logs", "keys"] {
            try FileManager.default.createDirectory(atPath: self.path(folder), withIntermediateDirectories: true)
        }
        let root = Fixtures.repositoryRoot.path
        try self.spawn("idcard", ["sim", "idcard", "--link", self.path("dev/idcard"), "--control", self.path("run/idcard.sock"), "--citizens", "\(root)/seeds/citizens.json"])
        try self.spawn("receipt", [
            "sim", "receipt-printer", "--link", self.path("dev/receipt"), "--control", self.path("run/receipt.sock"), "--output",
            self.path("receipts"), "--profiles", "\(root)/DeviceProfiles",
        ])
        try self.spawn("validator", ["sim", "bill-validator", "--link", self.path("dev/validator"), "--control", self.path("run/validator.sock")])
        try self.spawn("scanner", ["sim", "scanner", "--link", self.path("dev/scanner"), "--control", self.path("run/scanner.sock")])
        try self.spawn("gateway", ["sim", "payment-gateway", "--port", "0", "--merchant-key", "e2e-merchant-key"])
        try self.spawn("cups", ["sim", "cups", "--output", self.path("proofs"), "--control", self.path("run/cups.sock")])
        try "e2e-merchant-key\n".write(toFile: self.path("keys/merchant.key"), atomically: true, encoding: .utf8)
        chmod(self.path("keys/merchant.key"), 0o600)
        let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try (key + "\n").write(toFile: self.path("keys/uplink.key"), atomically: true, encoding: .utf8)
        chmod(self.path("keys/uplink.key"), 0o600)
        try "\(self.kioskID) \(key)\n".write(toFile: self.path("keys/hub-keys.txt"), atomically: true, encoding: .utf8)
        try await CommandLineTool.run("openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.path("keys/hub-key.pem"), "-out", self.path("keys/hub.pem"),
            "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        try self.spawn("hub", [
            "hub", "serve", "--database", self.path("data/hub.sqlite"), "--keys", self.path("keys/hub-keys.txt"), "--port", "0",
            "--certificate", self.path("keys/hub.pem"), "--private-key", self.path("keys/hub-key.pem"),
        ])
        for link in ["idcard", "receipt", "validator", "scanner"] { try await self.waitForFile(self.path("dev/\(link)")) }
        self.gatewayPort = try await self.port(in: "gateway", after: "http://127.0.0.1:")
        self.hubPort = try await self.port(in: "hub", after: "listening on 127.0.0.1:")
        self.cupsSocket = try await self.logValue(in: "cups", prefix: "server", timeout: .seconds(90))
        if self.options.recordsGateway {
            try self.spawn("records", [
                "sim", "records-gateway", "--port", "0", "--seeds", "\(root)/seeds", "--key", self.path("keys/records.key"), "--control",
                self.path("run/records.sock"),
            ])
            self.recordsGatewayPort = try await self.port(in: "records", after: "http://127.0.0.1:")
        }
    }

    private func writeConfiguration() throws {
        let root = Fixtures.repositoryRoot.path
        var text = """
            [kiosk]
            id = "\(self.kioskID)"
            office = "宁波市公安局海曙分局示例派出所（测试）"
            one_swipe = \(self.options.isOneSwipe)
            data_directory = "\(self.path("data"))"
            seeds_directory = "\(root)/seeds"
            profiles_directory = "\(root)/DeviceProfiles"

            [session]

            """
        for (key, value) in self.options.session.sorted(by: { $0.key < $1.key }) { text += "\(key) = \(value)\n" }
        let devices: [(String, String)] = [
            ("id_card_reader", "profile = \"idcard-sam-serial-generic\"\npath = \"\(self.path("dev/idcard"))\""),
            ("receipt_printer", "profile = \"escpos-80mm-generic\"\npath = \"\(self.path("dev/receipt"))\""),
            ("certificate_printer", "profile = \"a4-laser-cups\"\ncups_server = \"\(self.cupsSocket)\""),
            ("bill_validator", "profile = \"itl-nv9-nv200-cny\"\npath = \"\(self.path("dev/validator"))\""),
            ("payment_code_scanner", "profile = \"serial-payment-code-scanner\"\npath = \"\(self.path("dev/scanner"))\""),
        ]
        for (table, body) in devices where !self.options.withoutDevices.contains(table) {
            text += "\n[devices.\(table)]\n\(body)\n"
        }
        text += """

            [payment]
            provider_url = "http://127.0.0.1:\(self.gatewayPort)"
            key_file = "\(self.path("keys/merchant.key"))"

            [uplink]
            url = "https://127.0.0.1:\(self.hubPort)"
            key_file = "\(self.path("keys/uplink.key"))"
            ca_file = "\(self.path("keys/hub.pem"))"

            [sockets]
            control = "\(self.path("run/control.sock"))"
            screen = "\(self.path("run/screen.sock"))"
            group = "\(Self.primaryGroupName)"

            [privacy]
            citizen_key_file = "\(self.path("keys/citizen.key"))"

            [logging]
            level = "debug"
            """
        if self.options.recordsGateway {
            text += """


                [records]
                provider = "gateway"
                gateway_url = "http://127.0.0.1:\(self.recordsGatewayPort)"
                gateway_key_file = "\(self.path("keys/records.key"))"
                """
        }
        try text.write(toFile: self.path("onetrip.toml"), atomically: true, encoding: .utf8)
    }

    /// The name of this process's primary group: the control socket's group (the rig's user may
    /// then use the socket, and the daemon may give it away).
    static var primaryGroupName: String {
        guard let entry = getgrgid(getgid()) else { return "\(getgid())" }
        return String(cString: entry.pointee.gr_name)
    }

    /// Starts onetripd (again, after a kill) and connects as the screen.
    func startDaemon() async throws {
        self.daemon = try ChildProcess(
            path: self.binaries.appendingPathComponent("onetripd").path, arguments: ["--config", self.path("onetrip.toml")],
            environment: ProcessInfo.processInfo.environment, logPath: self.path("logs/onetripd.log"))
        await self.screen?.close()
        self.screen = try await ScreenClient(socketPath: self.path("run/screen.sock"))
    }

    /// Kills onetripd with SIGKILL, as a power cut would.
    func killDaemon() async {
        if let daemon = self.daemon { _ = try? await offloaded { daemon.killNow() } }
        await self.screen?.close()
        self.screen = nil
        try? FileManager.default.removeItem(atPath: self.path("run/screen.sock"))
    }

    /// Stops everything and removes the folder (kept with ONETRIP_RIG_KEEP=1).
    func stop() async {
        await self.screen?.close()
        if let daemon = self.daemon { await daemon.stop(grace: 30) }
        for process in self.processes.values { await process.stop() }
        if ProcessInfo.processInfo.environment["ONETRIP_RIG_KEEP"] == nil {
            try? FileManager.default.removeItem(at: self.directory)
        }
    }

    // MARK: Driving the simulators

    /// Sends a control command to a simulator (`idcard`, `receipt`, `validator`, `scanner`).
    @discardableResult
    func control(_ simulator: String, _ command: String) async throws -> String {
        let reply = try await SimulatorControlClient.send(command, to: self.path("run/\(simulator).sock"))
        guard !reply.hasPrefix("error") else { throw RigFailure("\(simulator) refused '\(command)': \(reply)") }
        return reply
    }

    /// The screen client.
    var ui: ScreenClient {
        get throws {
            guard let screen = self.screen else { throw RigFailure("onetripd is not running") }
            return screen
        }
    }

    /// onetripd's log so far (for failure messages and privacy checks).
    var daemonLog: String { (try? String(contentsOfFile: self.path("logs/onetripd.log"), encoding: .utf8)) ?? "" }

    /// Opens the journal read-only, as an operator would.
    func journal() async throws -> Journal {
        try await Journal.open(path: self.path("data/onetrip.sqlite"), configuration: JournalConfiguration(kioskID: self.kioskID, access: .readOnly))
    }

    // MARK: Process plumbing

    private func spawn(_ name: String, _ arguments: [String]) throws {
        self.processes[name] = try ChildProcess(
            path: self.binaries.appendingPathComponent("onetrip").path, arguments: arguments,
            environment: ProcessInfo.processInfo.environment, logPath: self.path("logs/\(name).log"))
    }

    private func waitForFile(_ path: String, timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !FileManager.default.fileExists(atPath: path) {
            guard clock.now < deadline else { throw RigFailure("\(path) did not appear; logs in \(self.path("logs"))") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func logValue(in name: String, prefix: String, timeout: Duration = .seconds(60)) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let text = (try? String(contentsOfFile: self.path("logs/\(name).log"), encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RigFailure("\(name) did not print '\(prefix)'; see \(self.path("logs/\(name).log"))")
    }

    private func port(in name: String, after marker: String) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while clock.now < deadline {
            let text = (try? String(contentsOfFile: self.path("logs/\(name).log"), encoding: .utf8)) ?? ""
            if let range = text.range(of: marker) {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RigFailure("\(name) did not report its port; see \(self.path("logs/\(name).log"))")
    }
}
