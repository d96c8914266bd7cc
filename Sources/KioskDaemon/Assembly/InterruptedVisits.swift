import Foundation
import Journal
import KioskCore
import Logging

/// Closes, at start-up, the visits a crash or power cut interrupted. Nothing is redone: a
/// transaction that had taken money becomes "needs attention" for an operator (the cash ledger
/// and the print-job ledger reconcile the devices themselves), one that had not is failed, and
/// every unfinished session ends as failed.
enum InterruptedVisits {
    static func close(in journal: Journal, logger: Logger) async throws {
        let open = try await journal.transactions(matching: TransactionQuery(states: [.open, .paying, .paid]))
        for transaction in open {
            guard let id = Self.transactionID(transaction.id) else { continue }
            let tookMoney = !transaction.amountPaid.isZero
            if tookMoney {
                _ = try await journal.record(
                    JournalEntry(
                        sessionID: id.session, transactionID: id,
                        event: .needsAttention("onetripd stopped during this transaction after \(transaction.amountPaid) was paid")))
            }
            _ = try await journal.record(
                JournalEntry(sessionID: id.session, transactionID: id, event: .transactionClosed(tookMoney ? .needsAttention : .failed)))
            logger.warning(
                "transaction interrupted by a restart", metadata: ["transaction": "\(id)", "paid": "\(transaction.amountPaid)"])
        }
        for session in try await journal.unfinishedSessions() {
            _ = try await journal.record(JournalEntry(sessionID: session, event: .sessionEnded(.failed)))
            logger.warning("visit interrupted by a restart", metadata: ["session": "\(session)"])
        }
    }

    /// Parses `KIOSK-000042T`.
    static func transactionID(_ text: String) -> TransactionID? {
        guard text.hasSuffix("T"), let dash = text.dropLast().lastIndex(of: "-"), let number = UInt64(text.dropLast()[text.index(after: dash)...])
        else { return nil }
        return TransactionID(session: SessionID(kioskID: String(text[..<dash]), number: number))
    }
}
