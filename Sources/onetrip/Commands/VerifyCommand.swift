import ArgumentParser
import CertificatePrinter
import KioskCore

/// `onetrip verify PAYLOAD [--public-key FILE]`: checks a printed proof's QR code offline
/// against the trusted issuing keys, so a clerk at a bank or a school needs no network.
///
/// Exit status: 0 valid, 3 expired, 4 unknown key, 5 tampered, 6 malformed, 64 bad keys file.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a printed proof's QR payload offline (exit 0 only when valid).",
        discussion: """
            Scan the QR code on any page of the proof (for example with `zbarimg --raw`), pass the text (OT1:…), \
            and compare the verification code shown with the one printed beside the QR code.
            Exit status: 0 valid, 3 expired, 4 unknown key, 5 tampered, 6 malformed, 64 unusable keys file.
            """)

    @Argument(help: "The QR code's text (OT1:…).")
    var payload: String

    @Option(name: .long, help: "Trusted public keys file: lines 'ed25519 <base64 key> <label>' (see `onetrip issuing-key`).")
    var publicKey: String = "/etc/onetrip/trusted-proof-keys"

    @Option(name: .long, help: "Check validity on this date (YYYY-MM-DD) instead of today in China.")
    var date: String?

    func validate() throws {
        if let date, CalendarDate(yyyymmdd: date.replacingOccurrences(of: "-", with: "")) == nil {
            throw ValidationError("--date must be YYYY-MM-DD")
        }
    }

    func run() async throws {
        let keys: TrustedKeys
        do {
            keys = try TrustedKeys(path: self.publicKey)
        } catch {
            print("cannot use the trusted keys: \(error)")
            throw ExitCode(64)
        }
        let today = self.date.flatMap { CalendarDate(yyyymmdd: $0.replacingOccurrences(of: "-", with: "")) } ?? IssueTime.now().chinaDate
        let result = ProofVerifier(trustedKeys: keys).verify(self.payload, on: today)
        print(result.description)
        switch result {
        case .valid: return
        case .expired: throw ExitCode(3)
        case .unknownKey: throw ExitCode(4)
        case .tampered: throw ExitCode(5)
        case .malformed: throw ExitCode(6)
        }
    }
}

/// `onetrip issuing-key [--key FILE] [--label TEXT]`: creates the kiosk's proof signing key if
/// missing (mode 0600) and prints the line verifiers add to their trusted keys file.
struct IssuingKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuing-key", abstract: "Create (if missing) the kiosk's proof signing key and print its public line.")

    @Option(name: .long, help: "The private key file.")
    var key: String = "/var/lib/onetrip/proof-issuing.key"

    @Option(name: .long, help: "The label verifiers see (kiosk id and place).")
    var label: String = "OneTrip kiosk"

    func run() async throws {
        do {
            let key = try IssuingKey.loadOrCreate(path: self.key)
            print(key.trustedKeyLine(label: self.label))
        } catch {
            print("\(error)")
            throw ExitCode.failure
        }
    }
}
