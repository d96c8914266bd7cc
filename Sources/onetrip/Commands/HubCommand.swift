import ArgumentParser
import Foundation
import IngestHub
import UploadContract

/// `onetrip hub serve|list|export|keygen`: the reference ingest hub (the back-office end of the
/// upload contract in docs/openapi.yaml) for tests, the demo and a small office.
struct HubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Run or inspect the reference ingest hub that receives kiosk uploads.",
        subcommands: [Serve.self, List.self, Export.self, Keygen.self]
    )

    /// The hub database option shared by the subcommands.
    struct DatabaseOption: ParsableArguments {
        @Option(name: .long, help: "The hub's SQLite file.")
        var database: String = "onetrip-hub.sqlite"
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Receive uploads over HTTPS (or HTTP without --certificate).")

        @OptionGroup var store: DatabaseOption

        @Option(help: "The keys file: one 'KIOSK-ID HEX-KEY' per line.")
        var keys: String

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port = 8443

        @Option(help: "PEM certificate chain for HTTPS.")
        var certificate: String?

        @Option(name: .customLong("private-key"), help: "PEM private key for HTTPS.")
        var privateKey: String?

        @Option(name: .customLong("allowed-skew"), help: "Seconds a request's timestamp may differ from this clock.")
        var allowedSkew = 300

        func validate() throws {
            if (self.certificate == nil) != (self.privateKey == nil) {
                throw ValidationError("--certificate and --private-key go together")
            }
        }

        func run() async throws {
            let keyring: KioskKeyring
            let store: HubStore
            do {
                keyring = try KioskKeyring(contentsOfFile: self.keys)
                store = try await HubStore.open(path: self.store.database)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
            let tls = self.certificate.flatMap { certificate in self.privateKey.map { (certificate, $0) } }
            let server = HubServer(
                store: store, verifier: UploadVerifier(keyring: keyring, allowedSkew: .seconds(self.allowedSkew)),
                configuration: HubServer.Configuration(host: self.host, port: self.port, tls: tls))
            let kiosks = keyring.kioskIDs.count
            let scheme = tls == nil ? "http" : "https"
            try await server.run { port in
                print("onetrip hub: \(scheme)://\(self.host):\(port)/v1/kiosks/{kioskID}/events, \(kiosks) kiosk key(s), store \(self.store.database)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List kiosks, or one kiosk's records.")

        @OptionGroup var store: DatabaseOption

        @Option(help: "List this kiosk's records instead of the kiosks.")
        var kiosk: String?

        @Option(help: "Only records after this sequence number.")
        var after: Int64 = 0

        @Option(help: "At most this many records.")
        var limit = 100

        func run() async throws {
            let store = try await HubStore.open(path: self.store.database)
            guard let kiosk = self.kiosk else {
                print("kiosk            records  highest  missing  dropped  last upload")
                for summary in try await store.kiosks() {
                    print(
                        [summary.kioskID.padding(16), String(summary.records).padding(8), String(summary.highestSequence).padding(8),
                         String(summary.missing).padding(8), String(summary.droppedTelemetry).padding(8),
                         ISO8601DateFormatter().string(from: summary.lastSeenAt)].joined(separator: " "))
                }
                return
            }
            for record in try await store.records(kioskID: kiosk, after: self.after, limit: self.limit) {
                let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(record.recordedAt) / 1000))
                print("\(String(record.sequence).padding(8)) \(time) \(record.category.rawValue.padding(11)) \(record.kind.padding(28)) \(record.transactionID ?? record.sessionID ?? "-")  \(record.payload)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export records as JSON lines (one record per line, in kiosk and sequence order).")

        @OptionGroup var store: DatabaseOption

        @Option(help: "Only this kiosk's records.")
        var kiosk: String?

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            let store = try await HubStore.open(path: self.store.database)
            let handle: FileHandle
            if let output = self.output {
                guard FileManager.default.createFile(atPath: output, contents: nil) , let file = FileHandle(forWritingAtPath: output) else {
                    throw ValidationError("cannot write \(output)")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            let count = try await store.export(kioskID: self.kiosk) { line in handle.write(Data(line)) }
            if self.output != nil {
                try handle.close()
                print("exported \(count) record(s) to \(self.output!)")
            }
        }
    }

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new random 256-bit kiosk key (hex) for the keys file and the kiosk.")

        func run() async throws {
            print(KioskKey.generate().hexEncoded)
        }
    }
}

extension String {
    /// Pads with spaces to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        self.count >= width ? self : self + String(repeating: " ", count: width - self.count)
    }
}
