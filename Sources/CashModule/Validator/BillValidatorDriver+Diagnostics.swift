import DeviceKit
import KioskCore
import OneTripSQLite

extension BillValidatorDriver {
    /// A stream of every payment event and status change from now on, besides ``events``
    /// (which its owner consumes): for diagnostics and other watchers. Ends when ``run()`` ends.
    public nonisolated func observeEvents() -> AsyncStream<PaymentEvent> {
        self.observers.subscribe()
    }

    /// Whether the driver has connected to the unit, or failed to and said why.
    public var hasReported: Bool { self.machine.isConnected || !self.machine.faults.isEmpty }

    /// Whether a note is in the validator's path (escrow, stacking, being returned).
    public var isNoteInFlight: Bool { self.machine.hasNoteInFlight }

    /// How many notes the unit reported REJECTED (returned or refused) since the driver started.
    public var rejectedNotes: Int { self.machine.rejectedNotes }

    /// The ledger lines of one transaction, oldest first.
    /// - Throws: ``OneTripSQLite/SQLiteError`` when the ledger cannot be read.
    public func ledgerEntries(for transaction: TransactionID) throws(SQLiteError) -> [CashLedgerEntry] {
        try self.ledger.entries(for: transaction)
    }

    /// A transaction number for a test cash-in under `kioskID` that the ledger has not used.
    /// - Throws: ``OneTripSQLite/SQLiteError`` when the ledger cannot be read.
    public func unusedTransaction(kioskID: String) throws(SQLiteError) -> TransactionID {
        TransactionID(session: SessionID(kioskID: kioskID, number: try self.ledger.lastSessionNumber(kioskID: kioskID) + 1))
    }
}
