import ArgumentParser
import KioskCore

/// `onetrip idnumber check NUMBER`: checks a GB 11643 number and prints what it encodes,
/// masked, so a technician can tell a typo from a bad card without showing the number.
struct IDNumberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idnumber",
        abstract: "Check identity numbers.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate an 18-character ID number (exit 1 if invalid).")

        @Argument(help: "The number to check.")
        var number: String

        func run() async throws {
            do {
                let id = try IDNumber(self.number)
                print("valid  \(id.masked)")
                print("region \(id.regionCode)  issuer \(id.issuer.rawValue)")
                print("birth  \(id.birthDate)  sex \(id.sex.name.en)")
            } catch {
                print("invalid: \(error.description)")
                throw ExitCode.failure
            }
        }
    }
}
