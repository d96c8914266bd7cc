import Foundation
import KioskCore
import Logging

/// Speaks prompts with `espeak-ng` when a voice is configured (Mandarin `cmn` or English `en`),
/// and logs them either way. A kiosk without a speaker simply logs.
public struct SpeechPrompter: VoicePrompter {
    let executable: String?
    let logger: Logger

    /// Creates a prompter; `executable` is the path of `espeak-ng`, or `nil` to only log.
    public init(executable: String?, logger: Logger) {
        self.executable = executable
        self.logger = logger
    }

    public func say(_ prompt: Prompt) async {
        self.logger.debug("voice prompt", metadata: ["key": "\(prompt.key)", "language": "\(prompt.language.rawValue)"])
        guard let executable else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-v", prompt.language == .zh ? "cmn" : "en", prompt.text[prompt.language]]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()  // not awaited: speech plays while the screen moves on
        } catch {
            self.logger.warning("voice prompt failed", metadata: ["error": "\(error)"])
        }
    }
}
