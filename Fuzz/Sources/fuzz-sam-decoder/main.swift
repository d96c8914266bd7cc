import FuzzSupport
import IDCardReader

/// Feeds arbitrary bytes to the SAM frame decoder, in chunks whose size the first byte picks,
/// and checks:
/// - it never crashes, and errors and skipped runs name offsets inside the input;
/// - every frame it returns is exactly the bytes at its offset (re-encoding gives them back);
/// - the frames, the errors and the number of skipped bytes are the same as when the input is
///   fed all at once (only how skipped bytes are grouped may differ);
/// - the buffer stays bounded;
/// - every frame also goes through the reply, command, read-payload and card-text parsers.
func fuzzOne(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let chunkSize = Int(first % 64) + 1
    let input = Array(bytes.dropFirst())
    let chunked = decode(input, chunkSize: chunkSize)
    let whole = decode(input, chunkSize: max(1, input.count))
    fuzzCheck(chunked == whole, "chunked and one-shot decoding differ")
}

/// One decoding pass; returns a trace of the frames and errors found, and the skipped byte count.
func decode(_ input: [UInt8], chunkSize: Int) -> [String] {
    var decoder = SAMFrameDecoder(maximumLength: 2400)
    var trace: [String] = []
    var skipped = 0
    var index = 0
    func drain(finishing: Bool) {
        while true {
            do throws(SAMFrameError) {
                var output = try decoder.next()
                if output == nil, finishing { output = try decoder.finish() }
                guard let output else { return }
                switch output {
                case .frame(let frame, let offset):
                    let encoded = frame.encoded
                    fuzzCheck(offset + encoded.count <= input.count, "frame past the input's end")
                    fuzzCheck(Array(input[offset..<(offset + encoded.count)]) == encoded, "frame differs from its bytes")
                    exercise(frame)
                    trace.append("frame \(offset) \(encoded.count)")
                case .skipped(let count, let offset):
                    fuzzCheck(count > 0 && offset + count <= input.count, "skipped run outside the input")
                    skipped += count
                }
            } catch {
                fuzzCheck(error.offset < input.count, "error offset outside the input")
                fuzzCheck(!error.description.isEmpty, "empty error description")
                trace.append("error \(error.offset)")
            }
        }
    }
    while index < input.count {
        decoder.append(input[index..<min(input.count, index + chunkSize)])
        index += chunkSize
        drain(finishing: false)
        fuzzCheck(decoder.bufferedByteCount <= 2400 + SAMFrame.headerLength + chunkSize, "buffer grew without bound")
    }
    drain(finishing: true)
    fuzzCheck(decoder.bufferedByteCount == 0, "bytes left after finish")
    return trace + ["skipped \(skipped)"]
}

/// Runs a decoded frame through every parser that takes frames.
func exercise(_ frame: SAMFrame) {
    if let command = try? SAMCommand(frame: frame) {
        fuzzCheck(command.frame == frame, "command does not re-encode to its frame")
    }
    guard let response = try? SAMResponse(frame: frame) else { return }
    fuzzCheck(response.frame == frame, "reply does not re-encode to its frame")
    _ = response.status.description
    _ = response.status.cardRejection
    for withFingerprints in [false, true] {
        guard let payload = try? CardReadPayload(replyData: response.data, withFingerprints: withFingerprints) else { continue }
        fuzzCheck(payload.replyData(withFingerprints: withFingerprints) == response.data, "payload does not re-encode")
        _ = try? CardTextDecoder.decode(payload.text)
    }
    _ = SAMIdentifier(replyData: response.data)?.description
}

runFuzzer { data, size in
    guard let data else { return 0 }
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
