import DeviceKit
import Foundation
import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// Plays the kiosk's screen process against a running `onetripd`: connects to its screen
/// socket, follows the screens it sends and touches buttons, exactly as `onetrip screen` does.
/// The end-to-end tests and the daemon benchmark drive citizens through it.
public actor ScreenClient {
    private let stream: FileDescriptorStream
    private var framer = JSONLineFramer()
    /// Every screen received, in order.
    public private(set) var screens: [Screen] = []

    /// Connects, retrying until `timeout` while the daemon starts.
    /// - Throws: ``ScreenClientError`` when nobody accepts in time.
    public init(socketPath: String, timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(socketPath.utf8) + [0]) }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if connected == 0 {
                self.stream = try FileDescriptorStream(takingOwnershipOf: descriptor, name: "screen socket")
                return
            }
            Glibc.close(descriptor)
            guard clock.now < deadline else { throw ScreenClientError("onetripd's screen socket \(socketPath) did not accept within \(timeout)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The latest screen.
    public var current: Screen? { self.screens.last }

    /// Waits until a screen of `kind` shows (the latest one already counts).
    /// - Throws: ``ScreenClientError`` when it does not show in time or the socket closes.
    @discardableResult
    public func waitFor(_ kind: Screen.Kind, timeout: Duration = .seconds(60), where condition: @Sendable (Screen) -> Bool = { _ in true }) async throws -> Screen {
        try await self.waitUntil("no \(kind) screen", timeout: timeout) { screens in
            screens.last.map { $0.kind == kind && condition($0) } ?? false
        }
        return self.screens.last!
    }

    /// Waits until the screens received so far satisfy a condition.
    /// - Throws: ``ScreenClientError`` (starting with `failure`) when they do not in time.
    public func waitUntil(_ failure: String, timeout: Duration = .seconds(60), _ condition: @Sendable ([Screen]) -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if condition(self.screens) { return }
            let left = deadline - clock.now
            guard left > .zero else {
                throw ScreenClientError("\(failure) within \(timeout); last: \(self.screens.last.map { "\($0.kind) \($0.title.en) \($0.lines.map(\.text.en))" } ?? "none")")
            }
            let bytes: [UInt8]
            do {
                bytes = try await self.stream.read(maximumCount: 65536, timeout: left)
            } catch {
                if case .timeout = error { continue }
                throw ScreenClientError("the screen socket closed: \(error)")
            }
            self.receive(bytes)
        }
    }

    private func receive(_ bytes: [UInt8]) {
        self.framer.append(bytes)
        while let line = try? self.framer.nextLine() {
            if case .show(let screen)? = try? JSONLineFramer.decode(ScreenUpdate.self, from: line) { self.screens.append(screen) }
        }
    }

    /// Touches a button.
    public func choose(_ choice: ChoiceID) async throws {
        try await self.stream.write(try JSONLineFramer.encode(ScreenInput.choiceSelected(choice)), timeout: .seconds(5))
    }

    /// Disconnects.
    public func close() { self.stream.close() }
}

/// A screen that did not show, or a screen socket that went away.
public struct ScreenClientError: Error, CustomStringConvertible {
    /// What happened, with the last screen seen.
    public var description: String
    init(_ description: String) { self.description = description }
}
