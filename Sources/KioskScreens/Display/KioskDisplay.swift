import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// The screen process (`onetrip screen --connect SOCKET`): shows what the daemon sends on the
/// screen socket and sends back what the citizen touches or types.
///
/// It runs on its own so that a crash of the user interface never takes down the daemon that
/// owns the session (and its money). It holds nothing but the screen shown, which carries
/// masked data only, and it forgets even that the moment the daemon's link drops: the display
/// switches to a "please wait" screen and it reconnects once a second.
///
/// One thread, one `poll(2)` loop over the terminal and the socket; it wakes at least once a
/// second for the clock and the moving progress bar.
public final class KioskDisplay {
    /// How the screen process is started.
    public struct Options: Sendable {
        /// The daemon's screen socket.
        public var socketPath: String
        /// The kiosk id for the status line.
        public var kioskID: String?
        /// Shown instead of the clock, for screenshots and tests (`2026-11-26 09:30`).
        public var fixedTime: String?
        /// How long to wait between connection attempts.
        public var reconnectInterval: Duration
        /// Demo only: letters the citizen's keypad does not have, handed here before the
        /// session sees them (`a` places a simulated card); returns whether the key was used.
        public var demoKeys: (@Sendable (Character) -> Bool)?

        /// Creates options.
        public init(
            socketPath: String, kioskID: String? = nil, fixedTime: String? = nil, reconnectInterval: Duration = .seconds(1),
            demoKeys: (@Sendable (Character) -> Bool)? = nil
        ) {
            self.socketPath = socketPath
            self.kioskID = kioskID
            self.fixedTime = fixedTime
            self.reconnectInterval = reconnectInterval
            self.demoKeys = demoKeys
        }
    }

    /// What is on the display.
    private enum Content: Equatable {
        /// Not (yet) linked to the daemon: the "please wait" screen.
        case connecting
        /// The daemon asked for a blank display.
        case blank
        /// A session screen.
        case session(Screen)
    }

    private let options: Options
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var terminal: CursesTerminal?
    private var channel: ScreenChannel?
    private var content = Content.connecting
    private var frame = ScreenFrame(size: TerminalSize(columns: 0, rows: 0))
    private var decoder = TerminalInputDecoder()
    private var recognizer = ScreenInputRecognizer()
    private var nextConnectAttempt: Duration = .zero
    private var lastInputAt: Duration = .zero
    private var shownTime = ""
    private var shownPhase = 0

    /// Creates the display (nothing happens until ``run()``).
    public init(options: Options) {
        self.options = options
        self.started = self.clock.now
    }

    /// Takes over the terminal and runs until SIGTERM/SIGINT/SIGHUP or until the terminal goes away.
    /// Must be called once per process (it installs the process's signal handlers).
    /// - Throws: ``KioskDisplayError`` when the terminal cannot be used.
    public func run() throws(KioskDisplayError) {
        guard let signals = SignalPipe.install() else { throw .terminalUnavailable(errno: errno) }
        let terminal = try CursesTerminal()
        self.terminal = terminal
        defer {
            self.channel?.close()
            terminal.close()
        }
        self.redraw(repaint: true)
        while true {
            if self.channel == nil, self.now >= self.nextConnectAttempt { self.connect() }
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
            ]
            if let channel = self.channel { descriptors.append(pollfd(fd: channel.descriptor, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&descriptors, nfds_t(descriptors.count), self.pollTimeout())
            let arrived = SignalPipe.take(from: signals)
            if arrived.stop || descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { break }
            if arrived.resize {
                terminal.adoptNewSize()
                self.redraw(repaint: true)
            }
            self.handleTerminalInput(terminal)
            if descriptors.count > 2, descriptors[2].revents != 0 { self.handleChannel() }
            self.refreshClock()
        }
    }

    private var now: Duration { self.clock.now - self.started }

    /// Milliseconds until the next thing to do: the next second (clock), a pending Escape, a reconnection.
    private func pollTimeout() -> Int32 {
        var timeout = 1000 - Int32((self.now.components.attoseconds / 1_000_000_000_000_000) % 1000)
        if self.decoder.hasPendingBytes { timeout = min(timeout, 50) }
        if self.channel == nil {
            let wait = self.nextConnectAttempt - self.now
            timeout = min(timeout, max(0, Int32(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)))
        }
        return max(10, timeout)
    }

    // MARK: Daemon link

    private func connect() {
        do {
            self.channel = try ScreenChannel.connect(path: self.options.socketPath)
            self.log("connected to \(self.options.socketPath)")
        } catch {
            self.nextConnectAttempt = self.now + self.options.reconnectInterval
        }
    }

    private func handleChannel() {
        guard let channel = self.channel else { return }
        let received = channel.receive()
        for error in received.errors { self.log("screen socket: \(error)") }
        for update in received.updates {
            switch update {
            case .show(let screen): self.show(.session(screen))
            case .blank: self.show(.blank)
            }
        }
        if received.isClosed { self.disconnect() }
    }

    /// The link dropped: forget the screen at once and try again shortly.
    private func disconnect() {
        self.channel?.close()
        self.channel = nil
        self.nextConnectAttempt = self.now + self.options.reconnectInterval
        self.log("screen socket closed; reconnecting")
        self.show(.connecting)
    }

    private func show(_ content: Content) {
        let previous = self.content
        self.content = content
        self.recognizer.screenChanged()
        self.redraw(repaint: Self.kind(of: previous) != Self.kind(of: content))
    }

    private static func kind(of content: Content) -> String {
        switch content {
        case .connecting: "connecting"
        case .blank: "blank"
        case .session(let screen): screen.kind.rawValue
        }
    }

    // MARK: Input

    private func handleTerminalInput(_ terminal: CursesTerminal) {
        let (bytes, resized) = terminal.readInput()
        var inputs = self.decoder.decode(bytes)
        if !bytes.isEmpty {
            self.lastInputAt = self.now
        } else if self.decoder.hasPendingBytes, self.now - self.lastInputAt >= .milliseconds(50) {
            inputs += self.decoder.flush()
        }
        let pressedBefore = self.recognizer.pressed
        for input in inputs {
            if case .character(let character) = input, character.isLetter, self.options.demoKeys?(character) == true { continue }
            guard let meaning = self.recognizer.recognize(input, screen: self.sessionScreen, frame: self.frame, now: self.now) else { continue }
            if self.channel?.send(meaning) == false { self.disconnect() }
        }
        if resized || self.recognizer.pressed != pressedBefore { self.redraw(repaint: resized) }
    }

    private var sessionScreen: Screen? {
        if case .session(let screen) = self.content { return screen }
        return nil
    }

    // MARK: Drawing

    private func refreshClock() {
        let time = self.timeText()
        let phase = Int(self.now.components.seconds)
        let animates = self.sessionScreen?.progress.map { $0.total == 0 } ?? false
        if time != self.shownTime || (animates && phase != self.shownPhase) { self.redraw(repaint: false) }
    }

    private func redraw(repaint: Bool) {
        guard let terminal = self.terminal else { return }
        self.shownTime = self.timeText()
        self.shownPhase = self.options.fixedTime == nil ? Int(self.now.components.seconds) : 0
        let layout = ScreenLayout(
            size: terminal.size, status: StatusInfo(kioskID: self.options.kioskID, time: self.shownTime),
            pressed: self.recognizer.pressed, animationPhase: self.shownPhase, offersLanguage: self.content != .connecting)
        switch self.content {
        case .connecting: self.frame = layout.frame(for: ScreenWords.connecting)
        case .blank: self.frame = layout.frame(for: nil)
        case .session(let screen): self.frame = layout.frame(for: screen)
        }
        terminal.draw(self.frame, repaint: repaint)
    }

    private func timeText() -> String {
        if let fixed = self.options.fixedTime { return fixed }
        var seconds = time(nil)
        var local = tm()
        localtime_r(&seconds, &local)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(local.tm_year + 1900)-\(two(local.tm_mon + 1))-\(two(local.tm_mday)) \(two(local.tm_hour)):\(two(local.tm_min))"
    }

    /// Notes for the technician go to standard error only when it is not the kiosk's terminal
    /// (the daemon or systemd collects them); on the terminal they would scribble over the screen.
    private func log(_ message: String) {
        guard isatty(STDERR_FILENO) == 0 else { return }
        let line = Array("onetrip screen: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
