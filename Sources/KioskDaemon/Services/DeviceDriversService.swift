import CashModule
import CertificatePrinter
import DeviceKit
import IDCardReader
import Journal
import KioskCore
import Logging
import ReceiptPrinter
import ServiceLifecycle

/// Runs every device driver and carries what they say where it belongs: statuses to the health
/// board, card reads (with their keyed hash) to the session, payment events to the session and
/// the journal. Stops the drivers when the group shuts down, after the session has finished.
struct DeviceDriversService: ServiceLifecycle.Service {
    let assembly: KioskAssembly

    func run() async throws {
        let devices = self.assembly.devices
        let board = self.assembly.board
        let runner = self.assembly.runner
        let logger = self.assembly.logger
        let keyer = self.assembly.citizenKeyer
        let journal = self.assembly.journal
        let payments = self.assembly.payments
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if let reader = devices.idCardReader {
                    group.addTask { await reader.run() }
                    group.addTask { for await status in reader.statusUpdates { await board.publish(status) } }
                    group.addTask {
                        for await event in reader.events {
                            switch event {
                            case .cardPresented:
                                runner.send(.cardPresented)
                            case .cardRead(let result):
                                await board.record(.cardRead, role: .idCardReader)
                                runner.send(.cardRead(CardReading(identity: result.identity, citizenKey: keyer.key(for: result.identity.documentNumber))))
                            case .readFailed(let rejection):
                                runner.send(.cardReadFailed(rejection))
                            case .cardRemoved:
                                break
                            }
                        }
                    }
                } else {
                    group.addTask { await board.publish(.noDevice(.idCardReader, reason: "no [devices.id_card_reader] in the configuration")) }
                }
                if let printer = devices.receiptPrinter {
                    group.addTask { for await status in printer.statusUpdates { await board.publish(status) } }
                    group.addTask {
                        // Real-time status between jobs too, so a kiosk out of paper hides its paid
                        // services before a citizen pays (the driver checks around every job as well).
                        while !Task.isCancelled {
                            await board.publish(await printer.refreshStatus())
                            try? await Task.sleep(for: self.assembly.receiptStatusInterval)
                        }
                    }
                } else {
                    group.addTask { await board.publish(.noDevice(.receiptPrinter, reason: "no [devices.receipt_printer] in the configuration")) }
                }
                if let printer = devices.certificatePrinter {
                    group.addTask {
                        do {
                            for job in try await printer.reconcile() {
                                logger.notice("print job reconciled after restart", metadata: ["job": "\(job)"])
                                try? await journal.recordEvent(
                                    JournalEvent(
                                        level: .notice, category: .system, source: "onetripd", code: "print-job-reconciled",
                                        message: job.description, delivery: .audit),
                                    at: .now)
                            }
                        } catch {
                            logger.error("print jobs could not be reconciled", metadata: ["error": "\(error)"])
                        }
                    }
                    group.addTask { await printer.run() }
                    group.addTask { for await status in await printer.statusUpdates() { await board.publish(status) } }
                } else {
                    group.addTask { await board.publish(.noDevice(.certificatePrinter, reason: "no [devices.certificate_printer] in the configuration")) }
                }
                if let validator = devices.billValidator {
                    group.addTask { await validator.run() }
                    group.addTask { await board.publish(await validator.status) }
                } else {
                    group.addTask { await board.publish(.noDevice(.billValidator, reason: "no [devices.bill_validator] in the configuration")) }
                }
                if let scanner = devices.scanner, let terminal = devices.paymentTerminal {
                    group.addTask { await scanner.run() }
                    group.addTask { await terminal.consume(scanner.events) }
                    group.addTask {
                        do {
                            try await terminal.resumeUnfinished()
                        } catch {
                            logger.error("unfinished code payments could not be resumed", metadata: ["error": "\(error)"])
                        }
                    }
                } else {
                    group.addTask { await board.publish(.noDevice(.paymentCodeScanner, reason: "no [devices.payment_code_scanner] in the configuration")) }
                }
                group.addTask {
                    await payments.startForwarding()
                    for await event in payments.events {
                        if let sessionEvent = event.sessionEvent {
                            if case .noteCredited = sessionEvent { await board.record(.noteStacked, role: .billValidator) }
                            runner.send(sessionEvent)
                        }
                        switch event {
                        case .deviceStatusChanged(let status):
                            await board.publish(status)
                        case .needsAttention(let attention):
                            logger.warning("money needs an operator", metadata: ["attention": "\(attention)"])
                            if let entry = attention.journalEntry { _ = try? await journal.record(entry, at: .now) }
                            await self.printVoucher(for: attention)
                        default:
                            break
                        }
                    }
                }
            }
        }
    }

    /// Money whose fate is unclear (a jam while stacking): the citizen gets a voucher naming the
    /// transaction, so the claim does not rest on their word. The citizen's masked identity is
    /// not at hand here; the transaction number is what the counter looks up.
    func printVoucher(for attention: CashAttention) async {
        guard let printer = self.assembly.devices.receiptPrinter,
            let job = attention.voucher(
                serviceName: LocalizedText(zh: "缴费凭证", en: "Payment voucher"),
                citizen: MaskedIdentity(cardType: .residentID, name: "—", documentNumber: "—", address: nil), amountDue: .zero)
        else { return }
        let port = ReceiptPrinterPort(driver: printer, kioskID: self.assembly.configuration.kiosk.id)
        if case .failure(let failure) = await port.print(job) {
            self.assembly.logger.error("voucher not printed", metadata: ["transaction": "\(job.transactionID)", "error": "\(failure)"])
        }
    }
}
