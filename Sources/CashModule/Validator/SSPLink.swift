import DeviceKit
import Logging

/// The request/response channel to one SSP slave over one ``ByteTransport``: frames each
/// command, waits up to ``replyTimeout`` for the reply with the same address and sequence flag,
/// re-sends the identical bytes on silence, and re-synchronises (SYNC) after a command went
/// unanswered so a stale sequence flag can never make the slave mistake a new command for a
/// repeat (research B.4, B.13 #39 and #59).
///
/// One actor per port, so commands are strictly serialised: two poll loops on one port are
/// how credits get reported twice (research B.13, encrypted-smiley-secure-protocol#17).
public actor SSPLink {
    /// The transport.
    public nonisolated let transport: any ByteTransport
    /// How long to wait for each reply (GA138: 1 s).
    public let replyTimeout: Duration
    /// How many times a command is sent before giving up (ITL library default 3; GA138 allows 20).
    public let attempts: Int
    private var sequencer: SSPSequencer
    private var decoder = SSPFrameDecoder()
    private var isSynchronised = false
    private let logger: Logger
    /// Frames that failed to decode since the link was created (CRC errors, noise).
    public private(set) var frameErrorCount = 0

    /// Creates a link.
    /// - Parameters:
    ///   - transport: the open port (9600 8N2 for a real validator).
    ///   - address: the slave's SSP address (0 for a banknote validator).
    ///   - replyTimeout: the wait for each reply.
    ///   - attempts: sends per command before ``SSPLinkError/noReply(command:attempts:lastProblem:)``.
    public init(transport: any ByteTransport, address: UInt8 = 0, replyTimeout: Duration = .seconds(1), attempts: Int = 3, logger: Logger) {
        self.transport = transport
        self.sequencer = SSPSequencer(address: address)
        self.replyTimeout = replyTimeout
        self.attempts = max(1, attempts)
        self.logger = logger
    }

    /// Sends a command and returns the reply (whatever its response code).
    /// Sends SYNC first when the link is not synchronised.
    /// - Throws: ``SSPLinkError``.
    public func execute(_ command: SSPCommand) async throws(SSPLinkError) -> SSPResponse {
        if !self.isSynchronised, command != .sync {
            let sync = try await self.exchange(.sync)
            guard sync.isOK else {
                throw .protocolViolation(.malformedReply(command: "SYNC", detail: "answered \(sync.code)", reply: sync.data))
            }
        }
        return try await self.exchange(command)
    }

    /// Marks the link unsynchronised (after a slave reset): the next command is preceded by SYNC.
    public func resynchronise() {
        self.isSynchronised = false
    }

    private func exchange(_ command: SSPCommand) async throws(SSPLinkError) -> SSPResponse {
        let frame = self.sequencer.frame(for: command)
        let bytes = frame.encoded()
        var lastProblem: String?
        self.decoder.reset()
        self.transport.discardInput()
        for attempt in 1...self.attempts {
            do {
                try await self.transport.write(bytes, timeout: self.replyTimeout)
            } catch {
                self.isSynchronised = false
                throw .transport(error)
            }
            let clock = ContinuousClock()
            let deadline = clock.now + self.replyTimeout
            while true {
                let left = deadline - clock.now
                if left <= .zero { break }
                let chunk: [UInt8]
                do {
                    chunk = try await self.transport.read(maximumCount: 512, timeout: left)
                } catch {
                    if case .timeout = error { break }
                    self.isSynchronised = false
                    throw .transport(error)
                }
                self.decoder.append(chunk)
                while true {
                    let reply: SSPFrame
                    do {
                        guard let next = try self.decoder.nextFrame() else { break }
                        reply = next
                    } catch {
                        self.frameErrorCount += 1
                        lastProblem = error.description
                        self.logger.warning("ssp frame error", metadata: ["error": "\(error)"])
                        continue
                    }
                    guard self.sequencer.answers(reply, frame) else {
                        lastProblem = "reply \(reply) does not match \(frame)"
                        continue
                    }
                    self.sequencer.answered(frame)
                    if command == .sync { self.isSynchronised = true }
                    do {
                        return try SSPResponse(data: reply.data)
                    } catch {
                        throw .protocolViolation(error)
                    }
                }
            }
            if attempt < self.attempts {
                self.logger.debug("ssp retry", metadata: ["command": "\(command)", "attempt": "\(attempt + 1)"])
            }
        }
        // The slave may or may not have executed the command: only SYNC restores a known flag.
        self.isSynchronised = false
        throw .noReply(command: command.name, attempts: self.attempts, lastProblem: lastProblem)
    }
}
