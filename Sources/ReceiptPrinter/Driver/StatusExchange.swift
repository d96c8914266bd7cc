import DeviceKit

/// The status conversations the driver has with a printer over one open transport.
///
/// Replies share one channel, so each byte is told apart by its bit pattern (research A.9,
/// [CIT] "Identification of Send Status"): `DLE EOT` replies are `0xx1xx10`, `GS r` replies
/// `0xx0xxxx`, and XON/XOFF (`11`/`13`) are flow control to skip.
struct StatusExchange {
    let transport: any ByteTransport

    /// What went wrong while talking status.
    enum Failure: Error {
        /// The transport failed (gone, closed, cancelled).
        case transport(TransportError)
        /// Nothing (recognisable) came back in time.
        case noReply(String)
        /// Bytes came back, but not a status reply.
        case malformed(ReceiptPrinterStatusError)
        /// Bytes came back that match no status pattern.
        case garbage([UInt8])
    }

    /// Sends `DLE EOT 1…4`, one at a time, and decodes the four replies.
    func readStatus(timeout: Duration) async throws(Failure) -> ReceiptPrinterStatus {
        self.transport.discardInput()
        var replies: [UInt8] = []
        for request in RealTimeStatusRequest.allCases {
            try await self.send(ESCPOSCommandBytes.realTimeStatus(request), timeout: timeout)
            let reply = try await self.awaitByte(timeout: timeout, what: "DLE EOT \(request.rawValue)") {
                ReceiptPrinterStatus.isRealTimeReply($0) ? .accept : .skip
            }
            replies.append(reply)
        }
        do {
            return try ReceiptPrinterStatus(printer: replies[0], offlineCause: replies[1], errorCause: replies[2], paperSensor: replies[3])
        } catch {
            throw .malformed(error)
        }
    }

    /// Sends raw bytes.
    func send(_ bytes: [UInt8], timeout: Duration) async throws(Failure) {
        do {
            try await self.transport.write(bytes, timeout: timeout)
        } catch {
            throw .transport(error)
        }
    }

    /// What to do with one received byte.
    enum Verdict {
        case accept
        case skip
    }

    /// Reads bytes until one is accepted, or the deadline passes.
    func awaitByte(timeout: Duration, what: String, classify: (UInt8) -> Verdict) async throws(Failure) -> UInt8 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var unexpected: [UInt8] = []
        while true {
            let left = deadline - clock.now
            guard left > .zero else {
                throw unexpected.isEmpty ? .noReply("no reply to \(what) within \(timeout)") : .garbage(unexpected)
            }
            let bytes: [UInt8]
            do {
                bytes = try await self.transport.read(maximumCount: 1, timeout: left)
            } catch .timeout {
                continue
            } catch {
                throw .transport(error)
            }
            for byte in bytes {
                if byte == 0x11 || byte == 0x13 { continue }  // XON / XOFF
                switch classify(byte) {
                case .accept: return byte
                case .skip: unexpected.append(byte)
                }
            }
        }
    }

    /// Whether a byte can be a `GS r 1` reply (`0xx0xxxx`, research A.9).
    static func isTransmitStatusReply(_ byte: UInt8) -> Bool { byte & 0x90 == 0 }
}
