/// Turns a byte stream into SAM frames: a pure value fed arbitrary chunks, in the style of
/// swift-nio's `NIOSingleStepByteToMessageDecoder`.
///
/// - Partial frames are kept until the rest arrives.
/// - Bytes before a preamble (line noise, a reply that started before the port was opened) are
///   skipped; ``next()`` reports them, ``nextFrame()`` counts them in ``skippedByteCount``.
/// - A bad checksum or an impossible length throws a ``SAMFrameError`` naming the stream offset;
///   the decoder then drops that preamble and resynchronises on the next one, so it can be used
///   again straight away.
///
/// ```swift
/// var decoder = SAMFrameDecoder()
/// decoder.append(bytesFromTheLine)
/// while let frame = try decoder.nextFrame() { handle(frame) }
/// ```
public struct SAMFrameDecoder: Sendable {
    /// What one decoding step found.
    public enum Output: Hashable, Sendable {
        /// A complete frame whose preamble starts at `offset` in the stream.
        case frame(SAMFrame, offset: Int)
        /// `count` bytes starting at `offset` that are not part of any frame.
        case skipped(count: Int, offset: Int)
    }

    /// The largest length field accepted.
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var startOffset = 0
    /// How many bytes were skipped as noise since the decoder was made.
    public private(set) var skippedByteCount = 0

    /// Creates a decoder.
    /// - Parameter maximumLength: the largest `Len` accepted (at least 3).
    public init(maximumLength: Int = SAMFrame.defaultMaximumLength) {
        precondition(maximumLength >= SAMFrame.minimumLength, "the limit must allow the smallest frame")
        self.maximumLength = maximumLength
    }

    /// Bytes received but not yet returned as a frame or skipped.
    public var bufferedByteCount: Int { self.buffer.count - self.start }

    /// The stream offset of the next byte ``next()`` looks at.
    public var streamOffset: Int { self.startOffset }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if self.start > 0, self.start >= self.buffer.count / 2 {
            self.buffer.removeSubrange(0..<self.start)
            self.start = 0
        }
        self.buffer.append(contentsOf: bytes)
    }

    /// Forgets buffered bytes (after the owner flushed the line); the stream offset moves past them.
    public mutating func reset() {
        self.startOffset += self.bufferedByteCount
        self.buffer.removeAll(keepingCapacity: true)
        self.start = 0
    }

    /// Returns the next complete frame, skipping noise, or `nil` when more bytes are needed.
    /// - Throws: ``SAMFrameError`` for a frame with a bad checksum or an impossible length; the
    ///   decoder has already moved past its preamble.
    public mutating func nextFrame() throws(SAMFrameError) -> SAMFrame? {
        while let output = try self.next() {
            switch output {
            case .frame(let frame, _): return frame
            case .skipped(let count, _): self.skippedByteCount += count
            }
        }
        return nil
    }

    /// Takes one step: a frame, a run of skipped bytes, or `nil` when more bytes are needed.
    /// - Throws: ``SAMFrameError`` as ``nextFrame()`` does.
    public mutating func next() throws(SAMFrameError) -> Output? {
        let available = self.buffer.count - self.start
        guard available > 0 else { return nil }
        guard let preambleIndex = self.findPreamble() else {
            // Keep a tail that may be the beginning of a preamble; skip the rest.
            let keep = self.partialPreambleSuffixCount()
            let skip = available - keep
            return skip > 0 ? self.skip(skip) : nil
        }
        if preambleIndex > self.start { return self.skip(preambleIndex - self.start) }
        guard available >= SAMFrame.headerLength else { return nil }
        let length = Int(self.buffer[self.start + 5]) << 8 | Int(self.buffer[self.start + 6])
        let offset = self.startOffset
        guard length >= SAMFrame.minimumLength, length <= self.maximumLength else {
            self.advance(SAMFrame.preamble.count)
            throw .impossibleLength(offset: offset, length: length, allowed: SAMFrame.minimumLength...self.maximumLength)
        }
        let total = SAMFrame.headerLength + length
        guard available >= total else { return nil }
        let bodyRange = (self.start + SAMFrame.headerLength)..<(self.start + total - 1)
        let found = self.buffer[self.start + total - 1]
        let computed = SAMFrame.checksum(length: length, body: self.buffer[bodyRange])
        guard computed == found else {
            self.advance(SAMFrame.preamble.count)
            throw .checksumMismatch(offset: offset, computed: computed, found: found)
        }
        let frame = SAMFrame(body: Array(self.buffer[bodyRange]))
        self.advance(total)
        return .frame(frame, offset: offset)
    }

    /// Ends the stream: returns trailing noise as `.skipped`, or `nil` when nothing is left.
    /// - Throws: ``SAMFrameError/truncated(offset:expectedCount:receivedCount:)`` when a frame
    ///   had started but not finished.
    public mutating func finish() throws(SAMFrameError) -> Output? {
        let available = self.bufferedByteCount
        guard available > 0 else { return nil }
        let offset = self.startOffset
        if self.findPreamble() == self.start {
            let expected = available >= SAMFrame.headerLength
                ? SAMFrame.headerLength + (Int(self.buffer[self.start + 5]) << 8 | Int(self.buffer[self.start + 6]))
                : SAMFrame.headerLength + SAMFrame.minimumLength
            self.reset()
            throw .truncated(offset: offset, expectedCount: expected, receivedCount: available)
        }
        self.reset()
        self.skippedByteCount += available
        return .skipped(count: available, offset: offset)
    }

    private mutating func skip(_ count: Int) -> Output {
        let offset = self.startOffset
        self.advance(count)
        return .skipped(count: count, offset: offset)
    }

    private mutating func advance(_ count: Int) {
        self.start += count
        self.startOffset += count
        if self.start == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: true)
            self.start = 0
        }
    }

    /// The index of the first complete preamble at or after `start`.
    private func findPreamble() -> Int? {
        let preamble = SAMFrame.preamble
        var index = self.start
        let last = self.buffer.count - preamble.count
        while index <= last {
            if self.buffer[index] == 0xAA, self.buffer[index + 1] == 0xAA, self.buffer[index + 2] == 0xAA,
                self.buffer[index + 3] == 0x96, self.buffer[index + 4] == 0x69
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// How many trailing bytes could be the first bytes of a preamble that is still arriving.
    private func partialPreambleSuffixCount() -> Int {
        let available = self.buffer.count - self.start
        for count in stride(from: min(SAMFrame.preamble.count - 1, available), to: 0, by: -1) {
            let tail = self.buffer[(self.buffer.count - count)...]
            if tail.elementsEqual(SAMFrame.preamble.prefix(count)) { return count }
        }
        return 0
    }
}
