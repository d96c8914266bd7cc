/// Splits a byte stream into lines at `\n` (dropping a `\r` before it), keeping a partial line
/// for the next chunk: how the client reads the control API's NDJSON streams. A pure value.
struct NDJSONLineSplitter {
    /// The longest line accepted (a diagnostics report with many faults stays far below).
    let maximumLineBytes: Int
    private var pending: [UInt8] = []

    /// Creates a splitter.
    init(maximumLineBytes: Int = 16 << 20) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Why a stream cannot be split.
    struct LineTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "a stream line is longer than \(self.limit) bytes" }
    }

    /// The complete lines in a chunk, in order, empty lines included.
    mutating func append(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if byte == 0x0A {
                if self.pending.last == 0x0D { self.pending.removeLast() }
                lines.append(self.pending)
                self.pending.removeAll(keepingCapacity: true)
            } else {
                self.pending.append(byte)
                guard self.pending.count <= self.maximumLineBytes else { throw LineTooLong(limit: self.maximumLineBytes) }
            }
        }
        return lines
    }

    /// What is left after the stream ended (a last line without `\n`), if anything.
    mutating func finish() -> [UInt8]? {
        defer { self.pending.removeAll() }
        return self.pending.isEmpty ? nil : self.pending
    }
}
