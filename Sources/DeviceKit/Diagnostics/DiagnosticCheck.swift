import KioskCore

/// One health check a technician can run with `onetrip diag`: a driver registers one per thing
/// worth checking (status query, test receipt, guided card read), at the level it needs.
///
/// A check must honour task cancellation: the runner cancels it when ``timeout`` passes and
/// reports the timeout as a failure.
///
/// ```swift
/// struct PaperStatusCheck: DiagnosticCheck {
///     let role: DeviceRole? = .receiptPrinter
///     let level = DiagnosticLevel.internal
///     let name = "paper and cover status"
///     func run(in context: DiagnosticContext) async -> DiagnosticResult {
///         .init(status: await printer.queryStatus(), detail: "DLE EOT 1…4 answered")
///     }
/// }
/// ```
public protocol DiagnosticCheck: Sendable {
    /// The role checked, or `nil` for a kiosk-wide check (profiles, udev).
    var role: DeviceRole? { get }
    /// How far the check goes.
    var level: DiagnosticLevel { get }
    /// What it checks, in a few words (`status query`, `test receipt`).
    var name: String { get }
    /// How long it may take before the runner gives up (defaults: 30 s, interactive 2 min).
    var timeout: Duration { get }

    /// Runs the check. Failures are results, not errors.
    func run(in context: DiagnosticContext) async -> DiagnosticResult
}

extension DiagnosticCheck {
    /// 30 seconds, or 2 minutes for an interactive check (a person has to act).
    public var timeout: Duration { self.level == .interactive ? .seconds(120) : .seconds(30) }
}

/// What a running check can use besides its device.
public struct DiagnosticContext: Sendable {
    /// The technician, for guided checks.
    public var prompter: any DiagnosticPrompter

    /// Creates a context.
    public init(prompter: any DiagnosticPrompter = UnattendedPrompter()) {
        self.prompter = prompter
    }
}

/// The technician at the kiosk, as a guided check sees them.
public protocol DiagnosticPrompter: Sendable {
    /// Whether a person is there to follow instructions and answer (a terminal, not `--json`
    /// or a pipe). Interactive checks are skipped when not.
    var isInteractive: Bool { get }
    /// Tells the technician what to do now ("Place the test card on the reader").
    func instruct(_ instruction: String) async
    /// Asks a yes/no question ("Is the test receipt legible?"); `nil` when nobody answered.
    func confirm(_ question: String) async -> Bool?
}

/// No technician: instructions go nowhere and questions get no answer.
public struct UnattendedPrompter: DiagnosticPrompter {
    /// Creates the prompter.
    public init() {}

    public var isInteractive: Bool { false }

    public func instruct(_ instruction: String) async {}

    public func confirm(_ question: String) async -> Bool? { nil }
}
