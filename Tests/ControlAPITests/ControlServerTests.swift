import AsyncHTTPClient
import ControlAPI
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Control API: a real server on a Unix socket and the real client")
struct ControlServerTests {
    @Test func theSocketIsReadAndWriteForOwnerAndGroupOnlyAndBelongsToTheConfiguredGroup() async throws {
        try await RunningControlServer.with(CannedKiosk()) { server in
            var info = stat()
            #expect(lstat(server.socketPath, &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFSOCK)
            #expect(info.st_mode & 0o777 == 0o660)
            let group = try #require(getgrnam(server.groupName))
            #expect(info.st_gid == group.pointee.gr_gid)
        }
    }

    @Test func everyReportArrivesAsTheDaemonGaveIt() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            let client = server.client()
            let (status, devices, sessions, queue) = await (kiosk.statusReport, kiosk.deviceReports, kiosk.sessionsReport, kiosk.queueReport)
            let received = (try await client.status(), try await client.devices(), try await client.sessions(), try await client.queue())
            #expect(received.0 == status)
            #expect(received.1 == devices)
            #expect(received.2 == sessions)
            #expect(received.3 == queue)
            #expect(try await client.isDaemonRunning())
        }
    }

    @Test func maintenanceGoesOnWithATrimmedReasonAndOffAgain() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            let client = server.client()
            let on = try await client.setMaintenance(true, reason: "  replacing the receipt paper \n")
            #expect(on.enabled)
            #expect(on.reason == "replacing the receipt paper")
            #expect(try await client.status().inService == false)
            let off = try await client.setMaintenance(false, reason: "   ")
            #expect(!off.enabled)
            let calls = await kiosk.maintenanceCalls
            #expect(calls.map(\.enabled) == [true, false])
            #expect(calls.map(\.reason) == ["replacing the receipt paper", nil])
            // The kernel says who asked: this test process.
            #expect(calls.map { $0.peer?.uid } == [UInt32(geteuid()), UInt32(geteuid())])
            #expect(calls.first?.peer?.pid == getpid())
            #expect(calls.first?.peer?.userName == String(cString: getpwuid(geteuid()).pointee.pw_name))
        }
    }

    @Test func diagnosticsStreamEachEntryWhileTheChecksRunThenTheReport() async throws {
        let kiosk = CannedKiosk()
        await kiosk.closeGate()
        try await RunningControlServer.with(kiosk) { server in
            let seen = Mutex<[DiagnosticReport.Entry]>([])
            // The first check's line must arrive while the second has not run: the daemon waits at
            // the gate until the client has it, so a buffered answer would never finish.
            let request = DiagnosticRequest(level: .internal, roles: [.receiptPrinter])
            let report = try await server.client().runDiagnostics(request) { entry in
                let count = seen.withLock { entries in
                    entries.append(entry)
                    return entries.count
                }
                if count == 1 { await kiosk.openGate() }
            }
            let expected = await kiosk.diagnosticEntries
            #expect(seen.withLock { $0 } == expected)
            #expect(report.entries == expected)
            #expect(report.source == "onetripd")
            #expect(report.exitCode == 1)
            #expect(await kiosk.diagnosticRequests == [request])
        }
    }

    @Test func anEmptyDiagnosticsBodyMeansInternalChecksOfEveryRole() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            let response = try await RawRequest.send(server.socketPath, .POST, "/v1/diagnostics", body: "")
            #expect(response.status == 200)
            #expect(response.contentType == ControlJSON.streamContentType)
            let lines = response.body.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix(#"{"progress":"#) == true)
            #expect(lines.last?.hasPrefix(#"{"result":"#) == true)
            #expect(await kiosk.diagnosticRequests == [DiagnosticRequest(level: .internal, roles: DeviceRole.allCases)])
        }
    }

    @Test func aFlushStreamsProgressPerBatchThenTheResult() async throws {
        let kiosk = CannedKiosk()
        await kiosk.closeGate()
        try await RunningControlServer.with(kiosk) { server in
            let seen = Mutex<[QueueFlushProgress]>([])
            let result = try await server.client().flushQueue { step in
                let count = seen.withLock { steps in
                    steps.append(step)
                    return steps.count
                }
                if count == 1 { await kiosk.openGate() }
            }
            #expect(seen.withLock { $0 } == (await kiosk.flushSteps))
            #expect(result == QueueFlushResult(uploaded: 12, remaining: 0, acknowledgedThrough: 100))
        }
    }

    @Test func aWaitingStreamSendsEmptyHeartbeatLinesThatTheClientSkips() async throws {
        let kiosk = CannedKiosk()
        await kiosk.closeGate()
        try await RunningControlServer.with(kiosk) { server in
            let url = try #require(URL(httpURLWithSocketPath: server.socketPath, uri: "/v1/queue/flush"))
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .POST
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            var text = ""
            var opened = false
            for try await chunk in response.body {
                text += String(buffer: chunk)
                // The first batch's line, then an empty line while the daemon waits: open the gate.
                if !opened, text.contains("}\n\n") {
                    opened = true
                    await kiosk.openGate()
                }
            }
            #expect(opened)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines.last?.hasPrefix(#"{"result":"#) == true)
        }
    }

    @Test func aRefusalIsAProblemWithTheDaemonsWordsAndItsStatus() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            await kiosk.set(refusal: .conflict("a queue flush is already running; wait for it to finish"))
            await #expect(throws: ControlClientError.problem(ControlProblem(status: 409, title: "conflict", detail: "a queue flush is already running; wait for it to finish"))) {
                try await server.client().flushQueue()
            }
            await #expect(throws: ControlClientError.problem(ControlProblem(status: 409, title: "conflict", detail: "a queue flush is already running; wait for it to finish"))) {
                try await server.client().status()
            }
            await kiosk.set(refusal: .unavailable("no back office is configured (uplink.url)"))
            let raw = try await RawRequest.send(server.socketPath, .GET, "/v1/queue")
            #expect(raw.status == 503)
            #expect(raw.contentType == ControlJSON.problemContentType)
            #expect(raw.body.contains("no back office is configured"))
        }
    }

    @Test func aFailureAfterTheStreamStartedArrivesAsAProblemLine() async throws {
        let kiosk = CannedKiosk()
        await kiosk.set(failureMidStream: ControlError(.failed, "the back office answered 500 five times in a row"))
        try await RunningControlServer.with(kiosk) { server in
            let steps = Mutex(0)
            await #expect(throws: ControlClientError.problem(ControlProblem(status: 500, title: "internal error", detail: "the back office answered 500 five times in a row"))) {
                try await server.client().flushQueue { _ in steps.withLock { $0 += 1 } }
            }
            #expect(steps.withLock { $0 } == 1)
        }
    }

    @Test(arguments: [
        ("/v1/maintenance", "{not json", "not valid JSON"),
        ("/v1/maintenance", #"{"enabled": "yes"}"#, "'enabled'"),
        ("/v1/maintenance", #"{"reason": "paper"}"#, "missing field 'enabled'"),
        ("/v1/maintenance", "", "needs a JSON body"),
        ("/v1/maintenance", #"{"enabled": true, "reason": "line one\nforged log line"}"#, "control characters"),
        ("/v1/maintenance", #"{"enabled": true, "reason": "\#(String(repeating: "x", count: 201))"}"#, "at most 200"),
        ("/v1/diagnostics", #"{"level": "thorough"}"#, "'level'"),
        ("/v1/diagnostics", #"{"roles": ["coffeeMachine"]}"#, "roles"),
    ])
    func aMalformedRequestIsA400ThatSaysWhatIsWrong(path: String, body: String, expected: String) async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            let response = try await RawRequest.send(server.socketPath, .POST, path, body: body)
            #expect(response.status == 400)
            #expect(response.contentType == ControlJSON.problemContentType)
            let problem = try ControlJSON.makeDecoder().decode(ControlProblem.self, from: Data(response.body.utf8))
            #expect(problem.status == 400)
            #expect(problem.detail.contains(expected), "\(problem.detail)")
            #expect(await kiosk.maintenanceCalls.isEmpty)
            #expect(await kiosk.diagnosticRequests.isEmpty)
        }
    }

    @Test func anUnknownEndpointIsA404ProblemListingTheEndpoints() async throws {
        try await RunningControlServer.with(CannedKiosk()) { server in
            let response = try await RawRequest.send(server.socketPath, .GET, "/v1/coffee")
            #expect(response.status == 404)
            #expect(response.body.contains("/v1/status"))
        }
    }

    @Test func aGracefulShutdownRemovesTheSocketAndTheClientThenSaysTheDaemonIsNotRunning() async throws {
        let server = try await RunningControlServer(control: CannedKiosk())
        let client = server.client()
        try await server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.socketPath))
        do {
            _ = try await client.status()
            Issue.record("a request to a stopped daemon succeeded")
        } catch {
            #expect(error.isNotRunning)
            #expect(error.description.contains("onetripd is not running (no socket at \(server.socketPath))"))
        }
        #expect(try await !client.isDaemonRunning())
    }

    @Test func aStaleSocketMeansNotRunningAndANewServerReplacesIt() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-stale")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("control.sock").path
        try StaleSocket.make(at: path)
        let client = ControlClient(socketPath: path)
        do {
            _ = try await client.status()
            Issue.record("a stale socket answered")
        } catch {
            #expect(error.isNotRunning, "\(error)")
            #expect(error.description.contains("stale socket"), "\(error)")
        }
        // A daemon starting after a crash takes the path over.
        let kiosk = CannedKiosk()
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Void.self)
        let server = ControlServer(
            control: kiosk, configuration: .init(socketPath: path, group: RunningControlServer.otherGroup()), onListening: { _ in readyContinuation.yield() })
        let group = ServiceGroup(services: [server], logger: Logger(label: "test"))
        let task = Task { try await group.run() }
        for await _ in ready { break }
        #expect(try await client.status().kioskID == "TEST-01")
        // A second daemon on the same socket is refused while the first answers.
        let second = ControlServer(control: kiosk, configuration: .init(socketPath: path, group: RunningControlServer.otherGroup()))
        await #expect(throws: ControlServerError.alreadyRunning(path: path)) { try await second.run() }
        #expect(try await client.status().kioskID == "TEST-01")
        await group.triggerGracefulShutdown()
        try await task.value
    }

    @Test func anUnknownGroupStopsTheServerBeforeItBinds() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-nogroup")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("control.sock").path
        let server = ControlServer(control: CannedKiosk(), configuration: .init(socketPath: path, group: "onetrip-no-such-group"))
        do {
            try await server.run()
            Issue.record("the server ran")
        } catch let error as ControlServerError {
            #expect(error == .unknownGroup("onetrip-no-such-group"))
            #expect(error.description.contains("groupadd --system onetrip-no-such-group"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func somethingThatIsNotASocketIsNeverDeleted() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-notsocket")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("control.sock").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        let server = ControlServer(control: CannedKiosk(), configuration: .init(socketPath: path, group: nil))
        await #expect(throws: ControlServerError.notASocket(path: path)) { try await server.run() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        let client = ControlClient(socketPath: path)
        await #expect(throws: ControlClientError.self) { try await client.status() }
    }

    @Test func aClientThatGoesAwayCancelsTheStreamingOperation() async throws {
        let kiosk = CannedKiosk()
        await kiosk.closeGate()
        let server = try await RunningControlServer(control: kiosk)
        let firstLine = AsyncStream.makeStream(of: Void.self)
        let flush = Task {
            try await server.client().flushQueue { _ in firstLine.continuation.yield() }
        }
        for await _ in firstLine.stream { break }
        flush.cancel()
        _ = try? await flush.value
        // The daemon's side notices the closed connection and stops waiting.
        let deadline = ContinuousClock.now + .seconds(20)
        while await !kiosk.streamCancelled, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await kiosk.streamCancelled)
        try await server.stop()
    }
}

/// A socket file nobody listens on, as a crashed daemon leaves it.
enum StaleSocket {
    static func make(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw TestFailure("bind: \(errno)") }
    }
}

/// A request sent as-is (for malformed bodies the typed client never sends).
enum RawRequest {
    struct Answer {
        var status: Int
        var contentType: String?
        var body: String
    }

    static func send(_ socketPath: String, _ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Answer {
        let url = try #require(URL(httpURLWithSocketPath: socketPath, uri: path))
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: String(buffer: bytes))
    }
}
