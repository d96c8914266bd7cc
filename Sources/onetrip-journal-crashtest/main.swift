// onetrip-journal-crashtest: the child process of the journal crash test (Tests/JournalTests/
// JournalCrashTests.swift). It records visits into a journal as fast as it can while an uploader
// sends them to a hub, printing `committed <seq>` after each durable commit, until the test
// kills it with SIGKILL. With `--drain` it only uploads what is waiting and exits.
//
// Usage: onetrip-journal-crashtest --database PATH --kiosk ID --hub URL --key HEX [--ca PEM] [--log PATH] [--drain]
// Lines go to standard output, or appended to --log (which a killed child cannot leave half-read).

import Foundation
import Journal
import KioskCore
import Logging
import UploadContract
import Uplink

/// Writes a line to standard output with one `write(2)`, so a line the test reads was printed
/// after the commit it reports and is never half-buffered at the kill.
func emit(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { buffer in _ = write(output, buffer.baseAddress, buffer.count) }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("onetrip-journal-crashtest: \(message)\n".utf8))
    exit(2)
}

var options: [String: String] = [:]
var drain = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--drain" {
        drain = true
    } else if argument.hasPrefix("--"), let value = arguments.popFirst() {
        options[String(argument.dropFirst(2))] = value
    } else {
        fail("unexpected argument \(argument)")
    }
}
guard let path = options["database"], let kioskID = options["kiosk"], let hub = options["hub"].flatMap(URL.init(string:)),
    let keyHex = options["key"]
else { fail("usage: --database PATH --kiosk ID --hub URL --key HEX [--ca PEM] [--log PATH] [--drain]") }
let output: Int32 = options["log"].map { open($0, O_WRONLY | O_CREAT | O_APPEND, 0o644) } ?? 1
guard output >= 0 else { fail("cannot open the log file") }

let journal: Journal
let uploader: Uploader
do {
    journal = try await Journal.open(path: path, configuration: JournalConfiguration(kioskID: kioskID))
    var logger = Logger(label: "crashtest")
    logger.logLevel = .error
    uploader = try Uploader(
        journal: journal,
        configuration: UploaderConfiguration(
            backOffice: hub, kioskID: kioskID, key: try KioskKey(hex: keyHex), trustedCertificatesPath: options["ca"], maxBatchRecords: 50,
            backoff: Backoff(initial: .milliseconds(20), maximum: .milliseconds(200)), idleInterval: .milliseconds(20)),
        logger: logger)
} catch {
    fail("\(error)")
}

if drain {
    do {
        let result = try await uploader.flush(maxConsecutiveFailures: 20)
        emit("drained \(result.acknowledgedThrough)")
        try await uploader.shutdown()
        exit(0)
    } catch {
        fail("drain: \(error)")
    }
}

/// One paid visit, as the session reports it.
func visit(_ number: UInt64) -> [JournalEntry] {
    let session = SessionID(kioskID: kioskID, number: number)
    let transaction = TransactionID(session: session)
    let identity = MaskedIdentity(cardType: .residentID, name: "测*", documentNumber: "110105********002X", address: "北京市东城区****")
    let key = CitizenKey(hex: String(repeating: "ab", count: 32))
    let events: [JournalEntry.Event] = [
        .sessionStarted(identity, key), .serviceSelected("traffic-fine-payment"), .recordsFetched(.trafficViolations, count: 2),
        .transactionOpened("traffic-fine-payment", amountDue: .yuan(150)), .paymentStarted(.cash, amountDue: .yuan(150)),
        .noteCredited(.yuan(100), totalPaid: .yuan(100)), .noteCredited(.yuan(50), totalPaid: .yuan(150)),
        .paymentCompleted(paid: .yuan(150), credit: .zero), .receiptPrinted(.receipt), .transactionClosed(.completed), .sessionEnded(.completed),
    ]
    return events.enumerated().map { index, event in
        JournalEntry(sessionID: session, transactionID: (3...9).contains(index) ? transaction : nil, event: event)
    }
}

let uploading = Task { try await uploader.run() }
do {
    var number = try await journal.highestSessionNumber() + 1
    while true {
        for entry in visit(number) {
            let sequence = try await journal.record(entry)
            emit("committed \(sequence)")
            uploader.nudge()
        }
        if number % 5 == 0 {
            let sequence = try await journal.recordEvent(.device("receipt-printer", code: "paper-low", message: "paper low"))
            emit("committed \(sequence)")
        }
        number += 1
    }
} catch {
    uploading.cancel()
    fail("record: \(error)")
}
