import DeviceKit
import Foundation

/// A simulated ESC/POS receipt printer: the printer's side of the wire for drivers and demos.
///
/// Bytes from any connection (a PTY, TCP connections) go through one ``ESCPOSDecoder`` per
/// connection into one ``ESCPOSPrinterModel``; replies (`DLE EOT`, `GS r`) go back on the same
/// connection. Every receipt cut off is kept in ``receipts`` and, with an output directory,
/// written as `receipt-0001.txt` (transcript) and `receipt-0001.png`. Undecodable bytes are
/// recorded in ``decodeErrors`` with their offset. Faults are set with ``updateSensors(_:)`` or the
/// control socket commands (``handleControl(_:)``).
public actor ReceiptPrinterSimulator {
    /// How the simulator runs.
    public struct Configuration: Sendable {
        /// The printer.
        public var printer: ESCPOSPrinterModel.Configuration
        /// Where receipts are written as text and PNG, or `nil`.
        public var outputDirectory: String?
        /// Where events are logged (the CLI prints them), or `nil`.
        public var log: (@Sendable (String) -> Void)?

        /// Creates a configuration.
        public init(printer: ESCPOSPrinterModel.Configuration, outputDirectory: String? = nil, log: (@Sendable (String) -> Void)? = nil) {
            self.printer = printer
            self.outputDirectory = outputDirectory
            self.log = log
        }
    }

    /// What the simulator does with bytes it received.
    public struct Reception: Sendable {
        /// Bytes to send back.
        public var replies: [UInt8]
        /// Whether to drop the connection now (fault injection).
        public var drop: Bool
    }

    /// The configuration.
    public let configuration: Configuration
    var model: ESCPOSPrinterModel
    private var decoders: [Int: ESCPOSDecoder] = [:]
    private var senders: [Int: @Sendable ([UInt8]) async -> Void] = [:]
    private var lastConnection: Int?
    private var nextConnection = 1
    private var dropAfterBytes: Int?
    private var writtenReceipts = 0
    /// Bytes the printer could not decode, in arrival order.
    public private(set) var decodeErrors: [ESCPOSDecodeError] = []
    /// Bytes received in total.
    public private(set) var bytesReceived = 0
    /// Connections dropped on purpose.
    public private(set) var droppedConnections = 0

    /// Creates a simulator (the printer is powered on, all sensors good).
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.model = ESCPOSPrinterModel(configuration: configuration.printer)
    }

    /// Receipts cut off so far.
    public var receipts: [PrintedReceipt] { self.model.receipts }
    /// Paper printed since the last cut.
    public var uncutPaper: PrintedReceipt { self.model.current }
    /// The printer's notes (overflowing lines, invalid codes, unsupported features).
    public var notes: [String] { self.model.notes }
    /// The sensors.
    public var sensors: PrinterSensors { self.model.sensors }
    /// Commands waiting for the printer to come back online.
    public var heldCommandCount: Int { self.model.held.count }

    // MARK: Connections

    /// Registers a connection; `send` delivers unsolicited bytes (status back, replies of held
    /// commands that run when a fault is cleared).
    public func openConnection(send: @escaping @Sendable ([UInt8]) async -> Void) -> Int {
        let id = self.nextConnection
        self.nextConnection += 1
        self.decoders[id] = ESCPOSDecoder()
        self.senders[id] = send
        return id
    }

    /// Ends a connection: a command left unfinished is recorded as truncated.
    public func closeConnection(_ id: Int) {
        guard var decoder = self.decoders.removeValue(forKey: id) else { return }
        self.senders[id] = nil
        self.consume(decoder.finish())
        self.writeNewReceipts()
    }

    /// Processes bytes from a connection.
    public func receive(_ bytes: [UInt8], on connection: Int) -> Reception {
        self.lastConnection = connection
        var accepted = bytes
        var drop = false
        if let left = self.dropAfterBytes {
            if bytes.count >= left {
                accepted = Array(bytes.prefix(left))
                self.dropAfterBytes = nil
                drop = true
                self.droppedConnections += 1
                self.configuration.log?("dropping the connection after \(self.bytesReceived + accepted.count) bytes (fault injection)")
            } else {
                self.dropAfterBytes = left - bytes.count
            }
        }
        self.bytesReceived += accepted.count
        guard var decoder = self.decoders[connection] else { return Reception(replies: [], drop: drop) }
        let replies = self.consume(decoder.decode(accepted))
        self.decoders[connection] = decoder
        self.writeNewReceipts()
        return Reception(replies: self.sensors.isSilent ? [] : replies, drop: drop)
    }

    @discardableResult
    private func consume(_ outputs: [ESCPOSDecoder.Output]) -> [UInt8] {
        var replies: [UInt8] = []
        for output in outputs {
            switch output {
            case .command(let decoded):
                replies += self.model.execute(decoded.command)
            case .error(let error):
                self.decodeErrors.append(error)
                self.configuration.log?("decode error: \(error)")
            }
        }
        return replies
    }

    // MARK: Faults

    /// Changes the sensors; replies this causes (held `GS r`, Automatic Status Back) go to the
    /// most recent connection.
    public func updateSensors(_ change: @Sendable (inout PrinterSensors) -> Void) async {
        let replies = self.model.updateSensors(change)
        self.writeNewReceipts()
        if !replies.isEmpty, let connection = self.lastConnection, let send = self.senders[connection] {
            await send(replies)
        }
    }

    /// Drops the connection after `bytes` more bytes have been received.
    public func dropConnection(afterBytes bytes: Int) {
        self.dropAfterBytes = max(0, bytes)
    }

    /// Forgets receipts, notes and decode errors.
    public func clearOutput() {
        self.model.clearOutput()
        self.decodeErrors.removeAll()
        self.writtenReceipts = 0
    }

    /// Waits until at least `count` receipts have been cut, up to `timeout`.
    public func waitForReceipts(_ count: Int, timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while self.model.receipts.count < count {
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    // MARK: Output

    private func writeNewReceipts() {
        while self.writtenReceipts < self.model.receipts.count {
            let receipt = self.model.receipts[self.writtenReceipts]
            self.writtenReceipts += 1
            let number = String(self.writtenReceipts)
            let name = "receipt-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
            self.configuration.log?("\(name): \(receipt.lines.count) lines, \(receipt.cut?.rawValue ?? "no") cut")
            guard let directory = self.configuration.outputDirectory else { continue }
            let base = (directory as NSString).appendingPathComponent(name)
            do {
                try Data((receipt.transcript + "\n").utf8).write(to: URL(fileURLWithPath: base + ".txt"))
                try ReceiptImageRenderer.writePNG(receipt, to: base + ".png")
            } catch {
                self.configuration.log?("cannot write \(base): \(error)")
            }
        }
    }
}
