import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private CUPS print path for tests and the demo: its own `cupsd` (config, spool, state and
/// Unix socket in a temporary folder; no system service), a queue `-m everywhere`, and CUPS's
/// IPP Everywhere printer simulator `ippeveprinter` behind it, with a private `dbus-daemon`
/// (Debian's ippeveprinter exits without a bus). Every documented command line and pitfall is
/// in shared/research/cups-printing.md §2, §3 and §5.
///
/// Ports are picked free on loopback and folders are unique, so several rigs (several test
/// runs) can work side by side. Call ``stop()`` when done: it ends the processes it started,
/// by their ids.
public final class PrivateCUPS: @unchecked Sendable {
    /// The rig's folder (removed by ``stop()``).
    public let directory: URL
    /// The queue's name.
    public let queue: String
    /// cupsd's Unix socket: the server a driver connects to.
    public var socketPath: String { self.directory.appendingPathComponent("cups/cups.sock").path }
    /// cupsd's loopback TCP port (for `ipptool`).
    public let schedulerPort: Int
    /// The simulated printer's port.
    public let printerPort: Int
    /// The simulated printer's URI.
    public var printerURI: String { "ipp://localhost:\(self.printerPort)/ipp/print" }
    /// Where the simulator keeps every document it received (`<id>-<job-name>.pdf`).
    public var printerSpool: URL { self.directory.appendingPathComponent("sim/spool") }

    private let lock = NSLock()
    private var processes: [(name: String, process: ChildProcess)] = []

    /// What the simulated print engine does with the next job (the `-c` hook reads it).
    public enum EngineMode: String, Sendable {
        /// Print normally.
        case ok
        /// Report `media-jam` and hold the job until set back to `ok`.
        case jam
        /// Report `cover-open` and hold the job until set back to `ok`.
        case door
        /// Fail the job at the device (exit 1): cupsd reports it cancelled.
        case fail
    }

    private init(directory: URL, queue: String, schedulerPort: Int, printerPort: Int) {
        self.directory = directory
        self.queue = queue
        self.schedulerPort = schedulerPort
        self.printerPort = printerPort
    }

    /// Starts dbus-daemon, ippeveprinter and cupsd, and creates the queue.
    /// - Throws: ``CommandLineTool/Failure`` or ``RigError`` naming the step that failed.
    public static func start(queue: String = "KioskA4") throws -> PrivateCUPS {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onetrip-cups-\(UUID().uuidString.prefix(8))")
        let rig = PrivateCUPS(
            directory: directory, queue: queue, schedulerPort: try Self.freePort(), printerPort: try Self.freePort())
        do {
            try rig.startAll()
        } catch {
            rig.stop()
            throw error
        }
        return rig
    }

    private func startAll() throws {
        let fileManager = FileManager.default
        for folder in ["cups/spool/tmp", "cups/cache", "cups/state", "cups/log", "sim/spool", "home"] {
            try fileManager.createDirectory(at: self.directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // cupsd running as root hands its folders to group lp: they must be reachable (§2.4 #2).
        chmod(self.directory.path, 0o755)
        let clock = ContinuousClock()
        var mark = clock.now
        func step(_ name: String) {
            if ProcessInfo.processInfo.environment["ONETRIP_RIG_DEBUG"] != nil {
                FileHandle.standardError.write(Data("rig: \(name) took \(clock.now - mark)\n".utf8))
            }
            mark = clock.now
        }
        try self.startBus()
        step("dbus-daemon")
        try self.startPrinter()
        step("ippeveprinter")
        try self.startScheduler()
        step("cupsd")
        try self.createQueue()
        step("queue")
    }

    // MARK: Processes

    private func launch(_ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:], log: String) throws {
        guard let path = CommandLineTool.locate(executable) else { throw RigError.missingTool(executable) }
        let child = try ChildProcess(
            path: path, arguments: arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            logPath: self.directory.appendingPathComponent(log).path)
        self.lock.withLock { self.processes.append((name, child)) }
    }

    private func startBus() throws {
        let socket = self.directory.appendingPathComponent("sim/dbus.sock").path
        try self.launch(
            "dbus-daemon", "dbus-daemon", ["--session", "--address=unix:path=\(socket)", "--nofork", "--nosyslog"], log: "sim/dbus.log")
        try Self.wait("the private D-Bus socket") { FileManager.default.fileExists(atPath: socket) }
    }

    private var hookEnvironment: [String: String] {
        [
            "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=\(self.directory.appendingPathComponent("sim/dbus.sock").path)",
            "SIM_CONTROL": self.directory.appendingPathComponent("sim/control").path,
        ]
    }

    /// Starts (or restarts) the simulated printer.
    public func startPrinter() throws {
        let hook = self.directory.appendingPathComponent("sim/hook.sh")
        if !FileManager.default.fileExists(atPath: hook.path) {
            try Self.hookScript.write(to: hook, atomically: true, encoding: .utf8)
            chmod(hook.path, 0o755)
            try self.setEngine(.ok)
        }
        try self.launch(
            "ippeveprinter", "ippeveprinter",
            [
                "-p", String(self.printerPort), "-n", "localhost", "-r", "off", "-d", self.printerSpool.path, "-k",
                "-f", "application/pdf,image/pwg-raster,image/urf", "-c", hook.path, "-M", "OneTrip", "-m", "A4 Simulator", self.queue,
            ], environment: self.hookEnvironment, log: "sim/ippeveprinter.log")
        try Self.wait("ippeveprinter on port \(self.printerPort)") {
            (try? CommandLineTool.run("ipptool", ["-q", self.printerURI, "get-printer-attributes.test"], check: false).status) == 0
        }
    }

    /// Stops the simulated printer (it then looks switched off: connections are refused).
    public func stopPrinter() {
        self.terminate(named: "ippeveprinter")
    }

    private func startScheduler() throws {
        let cups = self.directory.appendingPathComponent("cups")
        try self.schedulerConfiguration.write(to: cups.appendingPathComponent("cupsd.conf"), atomically: true, encoding: .utf8)
        try self.filesConfiguration.write(to: cups.appendingPathComponent("cups-files.conf"), atomically: true, encoding: .utf8)
        let arguments = ["-c", cups.appendingPathComponent("cupsd.conf").path, "-s", cups.appendingPathComponent("cups-files.conf").path]
        try CommandLineTool.run("cupsd", ["-t"] + arguments)
        try self.launchScheduler()
    }

    private func launchScheduler() throws {
        let cups = self.directory.appendingPathComponent("cups")
        let arguments = ["-c", cups.appendingPathComponent("cupsd.conf").path, "-s", cups.appendingPathComponent("cups-files.conf").path]
        try self.launch("cupsd", "cupsd", ["-f"] + arguments, environment: ["HOME": self.home], log: "cups/log/stdout")
        // `lpstat -r` exits 0 either way: read its answer, then make sure a real request works.
        try Self.wait("cupsd on \(self.socketPath)") {
            let answer = try? self.admin("lpstat", ["-r"], check: false)
            guard answer?.text.contains("scheduler is running") == true else { return false }
            return (try? self.admin("lpstat", ["-p"], check: false))?.errors.contains("Unable to connect") == false
        }
    }

    /// Stops cupsd (SIGTERM, as a system shutdown would) and starts it again on the same
    /// configuration, spool and socket. Its job history survives (`PreserveJobHistory Yes`).
    public func restartScheduler() throws {
        self.terminate(named: "cupsd")
        try self.launchScheduler()
    }

    /// Stops cupsd without starting it again.
    public func stopScheduler() {
        self.terminate(named: "cupsd")
    }

    private func createQueue() throws {
        try Self.wait("lpadmin creating \(self.queue)") {
            (try self.admin("lpadmin", ["-p", self.queue, "-E", "-v", self.printerURI, "-m", "everywhere"], check: false)).status == 0
        }
        // -m everywhere builds the PPD in the background: wait, then set options (§2.4 #5, #6).
        try Self.wait("the IPP Everywhere PPD of \(self.queue)") {
            let model = try? self.queueAttribute("printer-make-and-model")
            return model != nil && model != "Local Raw Printer" && model?.isEmpty == false
        }
        try self.admin(
            "lpadmin", ["-p", self.queue, "-o", "PageSize=A4", "-o", "printer-error-policy=abort-job", "-o", "printer-is-shared=false"])
        try self.admin("lpadmin", ["-p", self.queue, "-v", "\(self.printerURI)?contimeout=30"])
    }

    /// Ends every process the rig started (printer, scheduler, bus, in that order) and removes
    /// its folder.
    public func stop() {
        for name in ["ippeveprinter", "cupsd", "dbus-daemon"] {
            let start = ContinuousClock.now
            self.terminate(named: name)
            if ProcessInfo.processInfo.environment["ONETRIP_RIG_DEBUG"] != nil {
                FileHandle.standardError.write(Data("rig: stopping \(name) took \(ContinuousClock.now - start)\n".utf8))
            }
        }
        // ONETRIP_RIG_KEEP=1 keeps the folder (logs, spool) for a developer to look at.
        if ProcessInfo.processInfo.environment["ONETRIP_RIG_KEEP"] == nil {
            try? FileManager.default.removeItem(at: self.directory)
        }
    }

    deinit { self.stop() }

    private func terminate(named name: String) {
        let matching = self.lock.withLock {
            let matching = self.processes.filter { $0.name == name }.map(\.process)
            self.processes.removeAll { $0.name == name }
            return matching
        }
        for process in matching { process.terminate() }
    }

    // MARK: Helpers

    var home: String { self.directory.appendingPathComponent("home").path }

    /// Runs a CUPS client tool against this rig's cupsd (over its socket, where root and the
    /// SystemGroup are authenticated by peer credentials, §2.3).
    @discardableResult
    public func admin(_ tool: String, _ arguments: [String], check: Bool = true) throws -> CommandLineTool.Result {
        try CommandLineTool.run(tool, ["-h", self.socketPath] + arguments, environment: ["HOME": self.home], check: check)
    }

    /// One attribute of the queue, read with ipptool over cupsd's loopback port.
    public func queueAttribute(_ name: String) throws -> String {
        let test = """
            { OPERATION Get-Printer-Attributes
              GROUP operation-attributes-tag
              ATTR charset attributes-charset utf-8
              ATTR naturalLanguage attributes-natural-language en
              ATTR uri printer-uri $uri
              ATTR keyword requested-attributes \(name)
              DISPLAY \(name) }
            """
        let result = try CommandLineTool.run(
            "ipptool", ["-c", "ipp://localhost:\(self.schedulerPort)/printers/\(self.queue)", "/dev/stdin"], input: Data(test.utf8),
            check: false)
        guard result.status == 0 else { throw RigError.notReady("ipptool: \(result.errors)") }
        return result.text.split(separator: "\n").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) } ?? ""
    }

    static func wait(_ what: String, timeout: TimeInterval = 20, until condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? condition()) == true { return }
            usleep(50_000)
        }
        throw RigError.notReady(what)
    }

    /// A TCP port nothing listens on, on both 127.0.0.1 and ::1 (ippeveprinter binds both).
    static func freePort() throws -> Int {
        for _ in 0..<20 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { break }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let port: Int = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    guard bind(descriptor, raw, length) == 0, getsockname(descriptor, raw, &length) == 0 else { return 0 }
                    return Int(UInt16(bigEndian: pointer.pointee.sin_port))
                }
            }
            close(descriptor)
            if port > 0, Self.isFreeOnIPv6(port) { return port }
        }
        throw RigError.notReady("a free loopback port")
    }

    private static func isFreeOnIPv6(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        address.sin6_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
        }
    }
}

/// A rig step that did not work.
public enum RigError: Error, CustomStringConvertible {
    /// A tool is not installed.
    case missingTool(String)
    /// Something did not become ready in time.
    case notReady(String)

    public var description: String {
        switch self {
        case .missingTool(let tool): "\(tool) is not installed; run scripts/install-system-packages"
        case .notReady(let what): "timed out waiting for \(what)"
        }
    }
}
