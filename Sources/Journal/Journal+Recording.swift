import Foundation
import KioskCore
import OneTripSQLite
import UploadContract

extension Journal {
    /// Records a step of a visit: its outbox record and the session/transaction rows change in
    /// one SQLite transaction, committed with `synchronous=FULL` before this returns.
    ///
    /// Entries are applied whatever their order (an entry for an unknown transaction creates its
    /// row), so nothing the session reports is ever refused; only a storage failure throws.
    /// - Returns: the outbox sequence number of the record.
    /// - Throws: ``JournalError/storage(_:)`` (disk full, I/O error).
    @discardableResult
    public func record(_ entry: JournalEntry, at time: Date = Date()) throws(JournalError) -> Int64 {
        let effects = EntryEffects(entry.event)
        let milliseconds = Self.milliseconds(time)
        let day = self.days.day(milliseconds)
        let sequence = self.nextSequence
        let sessionID = entry.sessionID.description
        let transactionID = effects.transaction != nil ? (entry.transactionID ?? TransactionID(session: entry.sessionID)) : entry.transactionID
        let record = UploadRecord(
            sequence: sequence, category: .transaction, kind: effects.kind, recordedAt: milliseconds, sessionID: sessionID,
            transactionID: transactionID?.description, payload: JSONValue.object(effects.payload).canonicalText)
        try self.write(.full) {
            try self.insert(record)
            if let change = effects.session {
                try self.apply(change, to: entry.sessionID, sequence: sequence, at: milliseconds, day: day)
            }
            if let change = effects.transaction, let transactionID {
                try self.apply(change, to: transactionID, session: sessionID, sequence: sequence, at: milliseconds, day: day)
            }
            if let log = effects.logEntry {
                try self.insertEvent(
                    JournalEvent(
                        level: log.level, category: .session, source: "session", code: log.code, message: log.message,
                        sessionID: entry.sessionID, transactionID: transactionID, delivery: .transaction),
                    at: milliseconds, day: day, sequence: sequence)
            }
        }
        self.nextSequence = sequence + 1
        return sequence
    }

    /// Records an event in the operator's log and queues it for upload: audit events commit
    /// with `synchronous=FULL`, telemetry with `NORMAL` and under the telemetry cap.
    /// - Returns: the outbox sequence number.
    @discardableResult
    public func recordEvent(_ event: JournalEvent, at time: Date = Date()) throws(JournalError) -> Int64 {
        let milliseconds = Self.milliseconds(time)
        let day = self.days.day(milliseconds)
        let sequence = self.nextSequence
        let category: RecordCategory = event.delivery == .telemetry ? .telemetry : .audit
        let payload: [String: JSONValue] = [
            "level": .string(event.level.rawValue), "category": .string(event.category.rawValue), "source": .string(event.source),
            "code": .string(event.code), "message": .string(event.message),
        ]
        let record = UploadRecord(
            sequence: sequence, category: category, kind: "event.\(event.category.rawValue)", recordedAt: milliseconds,
            sessionID: event.sessionID?.description, transactionID: event.transactionID?.description, payload: JSONValue.object(payload).canonicalText)
        let bytes = record.payload.utf8.count
        let dropped = try self.write(category == .telemetry ? .normal : .full) { () throws -> (records: Int, bytes: Int) in
            try self.insert(record)
            try self.insertEvent(event, at: milliseconds, day: day, sequence: sequence)
            guard category == .telemetry else { return (0, 0) }
            return try self.enforceTelemetryCap(adding: bytes)
        }
        self.nextSequence = sequence + 1
        if category == .telemetry {
            self.pendingTelemetry.records += 1 - dropped.records
            self.pendingTelemetry.bytes += bytes - dropped.bytes
            self.droppedTelemetry += Int64(dropped.records)
        }
        return sequence
    }

    /// Marks a transaction that needed attention as resolved by an operator, with an audit event.
    /// - Returns: `false` if there is no such transaction or it does not need attention.
    @discardableResult
    public func resolve(_ transactionID: TransactionID, resolution: String, by operatorName: String, at time: Date = Date()) throws(JournalError) -> Bool {
        let id = transactionID.description
        let needsAttention = try self.read {
            try self.database.scalar("SELECT state FROM transactions WHERE id = ?", [id]).string == TransactionState.needsAttention.rawValue
        }
        guard needsAttention else { return false }
        let milliseconds = Self.milliseconds(time)
        let sequence = self.nextSequence
        let payload = JSONValue.object(["resolution": .string(resolution), "operator": .string(operatorName)])
        let record = UploadRecord(
            sequence: sequence, category: .audit, kind: "journal.transactionResolved", recordedAt: milliseconds,
            sessionID: transactionID.session.description, transactionID: id, payload: payload.canonicalText)
        let day = self.days.day(milliseconds)
        try self.write(.full) {
            try self.insert(record)
            try self.database.execute(
                "UPDATE transactions SET state = 'resolved', resolved_at = ?, resolution = ?, updated_at = ?, last_seq = ? WHERE id = ?",
                [milliseconds, resolution, milliseconds, sequence, id])
            try self.insertEvent(
                JournalEvent(
                    level: .notice, category: .operator, source: "operator:\(operatorName)", code: "transaction-resolved", message: resolution,
                    sessionID: transactionID.session, transactionID: transactionID, delivery: .audit),
                at: milliseconds, day: day, sequence: sequence)
        }
        self.nextSequence = sequence + 1
        return true
    }

    func insert(_ record: UploadRecord) throws(SQLiteError) {
        try self.database.execute(
            "INSERT INTO outbox (seq, category, kind, recorded_at, session_id, transaction_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [record.sequence, record.category.rawValue, record.kind, record.recordedAt, record.sessionID, record.transactionID, record.payload])
    }

    func insertEvent(_ event: JournalEvent, at milliseconds: Int64, day: String, sequence: Int64?) throws(SQLiteError) {
        try self.database.execute(
            """
            INSERT INTO events (at, day, level, category, source, code, message, session_id, transaction_id, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                milliseconds, day, event.level.rawValue, event.category.rawValue, event.source, event.code, event.message,
                event.sessionID?.description, event.transactionID?.description, sequence,
            ])
    }

    func apply(_ change: EntryEffects.SessionChange, to session: SessionID, sequence: Int64, at milliseconds: Int64, day: String) throws(SQLiteError) {
        try self.database.execute(
            """
            INSERT INTO sessions (id, number, started_at, day, ended_at, outcome, card_type, masked_name, masked_document,
                masked_address, citizen_key, service, first_seq, last_seq, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?3)
            ON CONFLICT (id) DO UPDATE SET
                ended_at = coalesce(?5, ended_at), outcome = coalesce(?6, outcome), card_type = coalesce(?7, card_type),
                masked_name = coalesce(?8, masked_name), masked_document = coalesce(?9, masked_document),
                masked_address = coalesce(?10, masked_address), citizen_key = coalesce(?11, citizen_key),
                service = coalesce(?12, service), last_seq = ?13, updated_at = ?3
            """,
            [
                session.description, Int64(bitPattern: session.number), milliseconds, day, change.ends ? milliseconds : nil, change.outcome,
                change.identity?.cardType.rawValue, change.identity?.name, change.identity?.documentNumber, change.identity?.address,
                change.citizenKey?.hex, change.service, sequence,
            ])
    }

    func apply(
        _ change: EntryEffects.TransactionChange, to transaction: TransactionID, session: String, sequence: Int64, at milliseconds: Int64, day: String
    ) throws(SQLiteError) {
        // A transaction that needs attention stays so until an operator resolves it; late money
        // after any end makes it need attention again.
        try self.database.execute(
            """
            INSERT INTO transactions (id, session_id, service, state, amount_due, amount_paid, credit, payment_method, certificate,
                receipt, attention_reason, outcome, citizen_key, opened_at, day, closed_at, updated_at, last_seq)
            VALUES (?1, ?2, ?3, coalesce(?4, 'open'), coalesce(?5, 0), coalesce(?6, 0), coalesce(?7, 0), ?8, ?9, ?10, ?11, ?12,
                (SELECT citizen_key FROM sessions WHERE id = ?2), ?13, ?14, ?15, ?13, ?16)
            ON CONFLICT (id) DO UPDATE SET
                service = coalesce(?3, service),
                state = CASE WHEN ?4 IS NULL OR (state = 'needsAttention' AND ?4 <> 'needsAttention') THEN state ELSE ?4 END,
                amount_due = coalesce(?5, amount_due), amount_paid = coalesce(?6, amount_paid), credit = coalesce(?7, credit),
                payment_method = coalesce(?8, payment_method), certificate = coalesce(?9, certificate), receipt = coalesce(?10, receipt),
                attention_reason = coalesce(?11, attention_reason), outcome = coalesce(?12, outcome),
                closed_at = coalesce(?15, closed_at), updated_at = ?13, last_seq = ?16
            """,
            [
                transaction.description, session, change.service, change.state?.rawValue, change.amountDue, change.amountPaid, change.credit,
                change.paymentMethod, change.certificate, change.receipt, change.attentionReason, change.outcome, milliseconds, day,
                change.closes ? milliseconds : nil, sequence,
            ])
    }
}
