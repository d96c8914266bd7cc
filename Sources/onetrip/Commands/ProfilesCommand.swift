import ArgumentParser
import DeviceKit
import Foundation

/// `onetrip profiles check [DIR]`: validates every device profile and prints
/// `file:line: key: what is wrong` for each broken one.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "Work with device profiles.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the device profiles in a directory (exit 1 if any is broken).")

        @Argument(help: "The profile directory.")
        var directory: String = "DeviceProfiles"

        func run() async throws {
            let library = DeviceProfileLibrary.load(directory: URL(fileURLWithPath: self.directory))
            for profile in library.profiles {
                print("ok    \(profile.file)  \(profile.role.rawValue)  \(profile.model)\(profile.isExample ? "  (example values)" : "")")
            }
            for error in library.errors {
                print("error \(error)")
            }
            if !library.errors.isEmpty { throw ExitCode.failure }
        }
    }
}
