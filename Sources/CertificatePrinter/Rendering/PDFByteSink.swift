import COneTripCairo

/// Collects the bytes cairo's PDF surface writes, so a proof is produced in memory and streamed
/// to CUPS without ever touching the disk (the citizen's data must not be written to files).
final class PDFByteSink {
    /// The PDF so far.
    var bytes: [UInt8] = []

    /// cairo's write callback (`cairo_write_func_t`): `closure` is an unretained `PDFByteSink`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
