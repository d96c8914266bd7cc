/// A proof rendered to PDF, in memory.
public struct RenderedProof: Sendable {
    /// The PDF file's bytes.
    public var pdf: [UInt8]
    /// How many A4 pages it has.
    public var pageCount: Int
    /// The payload its QR codes carry.
    public var payload: ProofPayload
}
