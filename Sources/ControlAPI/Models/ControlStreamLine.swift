/// One line of a streamed answer (`application/x-ndjson`, one JSON object per line): progress
/// lines, then exactly one result or problem line, after which the body ends.
///
/// ```text
/// {"progress":{"acknowledgedThrough":500,"remaining":700,"uploaded":500}}
/// {"progress":{"acknowledgedThrough":1200,"remaining":0,"uploaded":1200}}
/// {"result":{"acknowledgedThrough":1200,"remaining":0,"uploaded":1200}}
/// ```
///
/// `POST /v1/diagnostics` streams ``DiagnosticReport/Entry`` progress and a
/// ``DiagnosticReport`` result; `POST /v1/queue/flush` streams ``QueueFlushProgress`` and a
/// ``QueueFlushResult``. A failure after the stream started (the status line is already
/// `200`) arrives as a `problem` line.
public enum ControlStreamLine<Progress: Codable & Sendable, Result: Codable & Sendable>: Sendable, Codable {
    /// Something happened (a check finished, a batch was acknowledged).
    case progress(Progress)
    /// The operation finished.
    case result(Result)
    /// The operation failed.
    case problem(ControlProblem)

    private enum CodingKeys: String, CodingKey {
        case progress, result, problem
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let progress = try container.decodeIfPresent(Progress.self, forKey: .progress) {
            self = .progress(progress)
        } else if let result = try container.decodeIfPresent(Result.self, forKey: .result) {
            self = .result(result)
        } else if let problem = try container.decodeIfPresent(ControlProblem.self, forKey: .problem) {
            self = .problem(problem)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a stream line holds none of progress, result or problem"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .progress(let value): try container.encode(value, forKey: .progress)
        case .result(let value): try container.encode(value, forKey: .result)
        case .problem(let value): try container.encode(value, forKey: .problem)
        }
    }
}
