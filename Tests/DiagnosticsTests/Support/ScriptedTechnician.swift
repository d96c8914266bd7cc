import DeviceKit
import Synchronization

/// The technician at the kiosk, played by a test: every instruction runs the test's action on
/// the simulators (place the card, insert the note), and every yes/no question gets the next
/// scripted answer. What was said is kept for assertions.
final class ScriptedTechnician: DiagnosticPrompter {
    private let act: @Sendable (String) async -> Void
    private let answers = Mutex<[Bool?]>([])
    private let said = Mutex<[String]>([])
    private let asked = Mutex<[String]>([])

    /// A technician who does `act` when told something and answers questions with `answers`,
    /// in order (`nil`: walks away without answering).
    init(answers: [Bool?] = [], act: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.act = act
        self.answers.withLock { $0 = answers }
    }

    var isInteractive: Bool { true }

    func instruct(_ instruction: String) async {
        self.said.withLock { $0.append(instruction) }
        await self.act(instruction)
    }

    func confirm(_ question: String) async -> Bool? {
        self.asked.withLock { $0.append(question) }
        return self.answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    /// The instructions given so far.
    var instructions: [String] { self.said.withLock { $0 } }
    /// The questions asked so far.
    var questions: [String] { self.asked.withLock { $0 } }
}
