import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import Journal

#if canImport(Glibc)
import Glibc
#endif

/// `onetrip queue [status|flush]`: the upload queue to the back office.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show the upload queue (depth, oldest record, last upload) or flush it to the back office.",
        subcommands: [Status.self, Flush.self],
        defaultSubcommand: Status.self)

    /// `onetrip queue status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the upload queue (from onetripd, or from the database when it is not running).")

        @OptionGroup var config: ConfigFileOption
        @OptionGroup var socket: SocketOption
        @OptionGroup var database: DatabaseOption

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            let (report, note) = try await self.report()
            if self.json {
                emit(String(decoding: try ControlJSON.makeEncoder(pretty: true).encode(report), as: UTF8.self))
                return
            }
            if let note { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
            emit(Self.render(report, time: OperatorTime(timeZone: try self.config.timeZone())))
        }

        /// The daemon's report, or the database's with a note when the daemon is not running.
        private func report() async throws -> (QueueReport, String?) {
            let client = try self.socket.makeClient(self.config)
            do {
                return (try await client.queue(), nil)
            } catch {
                guard error.isNotRunning else { throw error }
            }
            let journal = try await self.database.openJournal(self.config)
            return (try await Self.readJournal(journal), "onetripd is not running: read from the database")
        }

        /// The queue as the journal file shows it.
        static func readJournal(_ journal: Journal) async throws -> QueueReport {
            QueueReport(outbox: try await journal.outboxStatus(), uploader: nil)
        }

        /// The report as aligned lines.
        static func render(_ report: QueueReport, time: OperatorTime) -> String {
            var table = TextTable(headings: ["", ""])
            table.append(["waiting", "\(report.pendingRecords) records (\(report.pendingTelemetry) telemetry, \(Self.bytes(report.pendingBytes)))"])
            table.append(["oldest waiting", report.oldestPendingAt.map(time.withAge) ?? "-"])
            table.append(["last upload", report.lastUploadAt.map(time.withAge) ?? "never"])
            if let error = report.lastError {
                table.append(["last error", error + (report.lastErrorAt.map { " (\(time.local($0)))" } ?? "")])
            }
            table.append(["acknowledged", "through #\(report.acknowledgedThrough) of #\(report.highestSequence)"])
            table.append(["dropped telemetry", "\(report.droppedTelemetry)"])
            if let uploader = report.uploader { table.append(["uploader", uploader]) }
            // Drop the blank heading line.
            return table.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        }

        static func bytes(_ count: Int) -> String {
            count < 1024 ? "\(count) B" : count < 1 << 20 ? "\(count / 1024) KiB" : String(format: "%.1f MiB", Double(count) / 1_048_576)
        }
    }

    /// `onetrip queue flush`.
    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flush",
            abstract: "Upload everything waiting now, with progress (asks onetripd; exit 1 if records remain).")

        @OptionGroup var config: ConfigFileOption
        @OptionGroup var socket: SocketOption

        @Flag(name: .long, help: "Print each progress step and the result as a JSON line.")
        var json = false

        func run() async throws {
            let client = try self.socket.makeClient(self.config)
            let bar = FlushProgressBar(isTerminal: !self.json && isatty(1) == 1)
            let json = self.json
            let result = try await client.flushQueue { progress in
                if json {
                    emit((try? jsonLine(ControlStreamLine<QueueFlushProgress, QueueFlushResult>.progress(progress))) ?? "{}")
                } else {
                    bar.show(progress)
                }
            }
            if json {
                emit(try jsonLine(ControlStreamLine<QueueFlushProgress, QueueFlushResult>.result(result)))
            } else {
                bar.finish()
                if result.remaining == 0 {
                    emit("queue empty: \(result.uploaded) records uploaded, acknowledged through #\(result.acknowledgedThrough)")
                } else {
                    emit("\(result.uploaded) records uploaded, \(result.remaining) still waiting (acknowledged through #\(result.acknowledgedThrough))")
                }
            }
            if result.remaining > 0 { throw ExitCode.failure }
        }
    }

    /// `3 waiting, oldest … , last upload …`.
    static func describe(_ queue: QueueSummary, time: OperatorTime) -> String {
        var text = "\(queue.pendingRecords) waiting"
        if let oldest = queue.oldestPendingAt { text += ", oldest \(time.withAge(oldest))" }
        text += ", last upload " + (queue.lastUploadAt.map(time.withAge) ?? "never")
        if let error = queue.lastError { text += "; last error: \(error)" }
        return text
    }
}
