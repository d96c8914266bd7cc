import ArgumentParser
import DeviceKit
import Foundation

/// `onetrip devices udev-rules`: writes the udev rules that give the kiosk user access to its
/// devices and stable `/dev/onetrip/<role>` symlinks.
struct UdevRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev-rules",
        abstract: "Write udev rules for the profiled devices (access for the kiosk user, /dev/onetrip/<role> links).",
        discussion: """
            Install the output as /etc/udev/rules.d/70-onetrip.rules, then run
            udevadm control --reload && udevadm trigger.
            """)

    @Option(name: .long, help: "The device profile directory.")
    var profiles: String = "DeviceProfiles"

    @Option(name: .long, help: "The kiosk user that owns the device nodes.")
    var user: String = "onetrip"

    @Option(name: .long, help: "The group given access (default: the user's name).")
    var group: String?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let library = DeviceProfileLibrary.load(directory: URL(fileURLWithPath: self.profiles))
        for error in library.errors {
            FileHandle.standardError.write(Data("warning: skipped broken profile: \(error)\n".utf8))
        }
        let generator: UdevRulesGenerator
        do {
            generator = try UdevRulesGenerator(user: self.user, group: self.group)
        } catch {
            throw ValidationError(error.description)
        }
        let text = generator.rules(for: library.profiles).text
        // Never hand udev a file it cannot read: parse what was generated before writing it.
        _ = try UdevRulesFile(parsing: text)
        if let output = self.output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
