import Foundation
import KioskCore
import KioskScreens
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One kiosk screen under test: the real `onetrip screen` process in a real terminal (tmux),
/// linked over a real Unix socket to this test, which plays the daemon with a real
/// ``KioskSession`` (``SessionHarness``).
///
/// ``show(_:)`` sends the session's current screen and waits until the terminal shows exactly
/// what ``ScreenLayout`` lays out for it; ``press(_:)`` and ``tap(_:)`` act on the terminal and
/// feed the input the screen process sends back into the session, as the daemon will.
///
/// With `ONETRIP_SCREEN_CAPTURES=DIR` in the environment every named capture is also written to
/// `DIR/<columns>x<rows>/<language>/<name>.txt` (see `scripts/capture-screens`).
final class KioskScreenRig: @unchecked Sendable {
    static let kioskID = "TEST-01"
    static let fixedTime = "2026-11-26 09:30"

    let directory: URL
    let tmux: TmuxTerminal
    let server: ScreenSocketServer
    var harness: SessionHarness
    private(set) var size: TerminalSize
    /// Every capture taken, for privacy checks.
    private(set) var captures: [[String]] = []
    /// What the terminal shows now (as laid out).
    private(set) var shown: Screen?

    /// Starts the daemon's socket, the screen process in tmux, and waits for it to connect.
    init(size: TerminalSize, term: String = "xterm-256color", isOneSwipe: Bool = false) async throws {
        self.directory = try Fixtures.temporaryDirectory("onetrip-screens")
        self.size = size
        self.harness = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: isOneSwipe)
        self.server = try ScreenSocketServer(path: self.directory.appendingPathComponent("screen.sock").path)
        let binary = Self.onetripBinary.path
        let command = [
            "exec env TERM=\(term) LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no", Self.quoted(binary), "screen",
            "--connect", Self.quoted(self.server.path), "--kiosk-id", Self.kioskID, "--fixed-time", Self.quoted(Self.fixedTime),
            "2>>" + Self.quoted(self.directory.appendingPathComponent("screen.log").path),
        ].joined(separator: " ")
        self.tmux = try await TmuxTerminal(command: command, size: size, directory: self.directory)
        try await self.server.accept()
    }

    /// The `onetrip` executable built next to this test bundle.
    static var onetripBinary: URL {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // Swift Testing runs inside …/debug/OneTripPackageTests.xctest (a file on Linux).
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("onetrip").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("onetrip")
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Stops tmux (and the screen process in it) and the socket; removes the temporary folder.
    func stop() {
        self.tmux.kill()
        self.server.close()
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// The rows the layout gives a screen at the current size (what the terminal must show).
    func expectedRows(_ screen: Screen?, offersLanguage: Bool = true) -> [String] {
        let layout = ScreenLayout(
            size: self.size, status: StatusInfo(kioskID: Self.kioskID, time: Self.fixedTime), offersLanguage: offersLanguage)
        return layout.frame(for: screen).textRows
    }

    /// Sends the session's screen and waits until the terminal shows it exactly.
    @discardableResult
    func show(_ name: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let screen = self.harness.screen
        try await self.server.send(.show(screen))
        self.shown = screen
        return try await self.waitFor(self.expectedRows(screen), name: name, sourceLocation: sourceLocation)
    }

    /// Waits until the terminal shows `rows` (10 s at most), records the capture and returns it.
    @discardableResult
    func waitFor(_ rows: [String], name: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        var capture = try await self.tmux.capture()
        while capture != rows, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(40))
            capture = try await self.tmux.capture()
        }
        self.captures.append(capture)
        if capture != rows {
            let log = (try? String(contentsOf: self.directory.appendingPathComponent("screen.log"), encoding: .utf8)) ?? ""
            Issue.record(
                "terminal differs from the layout\n--- terminal\n\(capture.joined(separator: "\n"))\n--- layout\n\(rows.joined(separator: "\n"))\n--- log\n\(log)",
                sourceLocation: sourceLocation)
        }
        if let name { try self.save(capture, name: name) }
        return capture
    }

    /// Waits until the terminal satisfies a condition.
    @discardableResult
    func waitUntil(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: ([String]) async -> Bool) async throws -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        var capture = try await self.tmux.capture()
        while await !condition(capture), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(40))
            capture = try await self.tmux.capture()
        }
        self.captures.append(capture)
        #expect(await condition(capture), "\(what)\n\(capture.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return capture
    }

    private func save(_ capture: [String], name: String) throws {
        guard let root = ProcessInfo.processInfo.environment["ONETRIP_SCREEN_CAPTURES"], let screen = self.shown else { return }
        let folder = URL(fileURLWithPath: root).appendingPathComponent("\(self.size.columns)x\(self.size.rows)")
            .appendingPathComponent(screen.language == .zh ? "zh" : "en")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (capture.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
    }

    // MARK: Acting on the terminal

    /// Types keys and returns the input the screen process sent, after feeding it to the session.
    @discardableResult
    func press(_ keys: String...) async throws -> ScreenInput {
        try await self.tmux.run(["send-keys", "-t", self.tmux.target] + keys)
        return try await self.receiveInput()
    }

    /// Taps the middle of a target as the current layout places it, and returns the input sent.
    @discardableResult
    func tap(_ target: HitRegion.Target, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ScreenInput {
        let layout = ScreenLayout(size: self.size, status: StatusInfo(kioskID: Self.kioskID, time: Self.fixedTime))
        guard let region = layout.frame(for: self.shown).region(for: target) else {
            throw ServerError("\(target) is not on the screen")
        }
        try await self.tmux.tap(row: region.rect.row + region.rect.height / 2, column: region.rect.column + region.rect.width / 2)
        return try await self.receiveInput()
    }

    private func receiveInput() async throws -> ScreenInput {
        let input = try await self.server.nextInput()
        self.harness.send(input.sessionEvent)
        return input
    }

    /// Resizes the terminal.
    func resize(to size: TerminalSize) async throws {
        self.size = size
        try await self.tmux.resize(to: size)
    }

    /// Sets the session's language through the UI: `*` on the keypad.
    func use(_ language: Language) async throws {
        guard self.harness.session.language != language else { return }
        #expect(try await self.press("*") == .languageToggled)
        try await self.show()
    }
}
