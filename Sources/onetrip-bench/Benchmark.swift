/// One measured figure: a name, a value, its unit, and the goal it is held against.
struct Figure: Sendable {
    /// What was measured ("session events per second").
    var name: String
    /// The value.
    var value: Double
    /// Its unit ("events/s", "ms", "MB").
    var unit: String
    /// The goal, in words ("≥ 100000", "≤ 60 ms at p50"), if there is one.
    var goal: String?
    /// Whether the goal is met, if it can be judged.
    var meetsGoal: Bool?
}

/// A named benchmark: runs in a release build and returns its figures.
struct Benchmark: Sendable {
    /// The group name used on the command line (`session`, `sam-codec`).
    var name: String
    /// What it measures.
    var summary: String
    /// Runs it.
    var run: @Sendable () async throws -> [Figure]
}
