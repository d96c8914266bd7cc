import Foundation
import KioskCore
import OneTripSQLite

extension Journal {
    /// Transactions matching a query, newest first, with the citizen's masked identity.
    public func transactions(matching query: TransactionQuery) throws(JournalError) -> [TransactionRecord] {
        var conditions: [String] = []
        var arguments: [any SQLiteBindable] = []
        if let from = query.from {
            conditions.append("t.opened_at >= ?")
            arguments.append(Self.milliseconds(from))
        }
        if let to = query.to {
            conditions.append("t.opened_at < ?")
            arguments.append(Self.milliseconds(to))
        }
        if let service = query.service {
            conditions.append("t.service = ?")
            arguments.append(service.rawValue)
        }
        if let states = query.states {
            let sorted = states.map(\.rawValue).sorted()
            conditions.append("t.state IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))")
            arguments.append(contentsOf: sorted)
        }
        if let key = query.citizenKey {
            conditions.append("t.citizen_key = ?")
            arguments.append(key.hex)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(max(1, query.limit))
        let sql = """
            SELECT t.id, t.session_id, t.service, t.state, t.amount_due, t.amount_paid, t.credit, t.payment_method, t.certificate,
                t.receipt, t.attention_reason, t.outcome, t.citizen_key, t.opened_at, t.day, t.closed_at, t.updated_at, t.resolved_at,
                t.resolution, s.card_type, s.masked_name, s.masked_document, s.masked_address
            FROM transactions t LEFT JOIN sessions s ON s.id = t.session_id
            \(whereClause) ORDER BY t.opened_at DESC, t.id DESC LIMIT ?
            """
        return try self.read { try self.database.prepare(sql).rows(arguments).map(Self.transactionRecord) }
    }

    /// One transaction by id.
    public func transaction(_ id: TransactionID) throws(JournalError) -> TransactionRecord? {
        let sql = """
            SELECT t.id, t.session_id, t.service, t.state, t.amount_due, t.amount_paid, t.credit, t.payment_method, t.certificate,
                t.receipt, t.attention_reason, t.outcome, t.citizen_key, t.opened_at, t.day, t.closed_at, t.updated_at, t.resolved_at,
                t.resolution, s.card_type, s.masked_name, s.masked_document, s.masked_address
            FROM transactions t LEFT JOIN sessions s ON s.id = t.session_id WHERE t.id = ?
            """
        return try self.read { try self.database.rows(sql, [id.description]).first.map(Self.transactionRecord) }
    }

    static func transactionRecord(_ row: Row) -> TransactionRecord {
        var citizen: MaskedIdentity?
        if let type = row["card_type"].string.flatMap(CardType.init(rawValue:)) {
            citizen = MaskedIdentity(
                cardType: type, name: row["masked_name"].string ?? "", documentNumber: row["masked_document"].string ?? "",
                address: row["masked_address"].string)
        }
        return TransactionRecord(
            id: row["id"].string ?? "", sessionID: row["session_id"].string ?? "", service: row["service"].string.map(ServiceCode.init(rawValue:)),
            state: TransactionState(rawValue: row["state"].string ?? "") ?? .open, amountDue: Money(fen: row["amount_due"].int64 ?? 0),
            amountPaid: Money(fen: row["amount_paid"].int64 ?? 0), credit: Money(fen: row["credit"].int64 ?? 0),
            paymentMethod: row["payment_method"].string.flatMap(PaymentMethod.init(rawValue:)), certificate: row["certificate"].string,
            receipt: row["receipt"].string, attentionReason: row["attention_reason"].string,
            outcome: row["outcome"].string.flatMap(TransactionOutcome.init(rawValue:)), citizen: citizen,
            citizenKey: row["citizen_key"].string.map(CitizenKey.init(hex:)), openedAt: Self.date(row["opened_at"].int64 ?? 0),
            day: row["day"].string ?? "", closedAt: row["closed_at"].int64.map(Self.date), updatedAt: Self.date(row["updated_at"].int64 ?? 0),
            resolvedAt: row["resolved_at"].int64.map(Self.date), resolution: row["resolution"].string)
    }

    /// The operator's event log, newest first.
    public func events(matching query: EventQuery) throws(JournalError) -> [EventRecord] {
        var conditions: [String] = []
        var arguments: [any SQLiteBindable] = []
        if let from = query.from {
            conditions.append("at >= ?")
            arguments.append(Self.milliseconds(from))
        }
        if let to = query.to {
            conditions.append("at < ?")
            arguments.append(Self.milliseconds(to))
        }
        if let level = query.minimumLevel {
            let levels = JournalEvent.Level.allCases.filter { $0 >= level }.map(\.rawValue)
            conditions.append("level IN (\(levels.map { _ in "?" }.joined(separator: ", ")))")
            arguments.append(contentsOf: levels)
        }
        let columns = [
            ("category", query.category?.rawValue), ("source", query.source), ("code", query.code), ("session_id", query.sessionID),
            ("transaction_id", query.transactionID),
        ]
        for (column, value) in columns {
            if let value {
                conditions.append("\(column) = ?")
                arguments.append(value)
            }
        }
        if let service = query.service {
            conditions.append("session_id IN (SELECT id FROM sessions WHERE service = ?)")
            arguments.append(service.rawValue)
        }
        if let after = query.afterID {
            conditions.append("id > ?")
            arguments.append(after)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(max(1, query.limit))
        // Rows are inserted in time order, so the row id breaks ties (and orders --follow).
        let order = query.oldestFirst ? "at ASC, id ASC" : "at DESC, id DESC"
        let sql = """
            SELECT id, at, level, category, source, code, message, session_id, transaction_id, seq FROM events
            \(whereClause) ORDER BY \(order) LIMIT ?
            """
        return try self.read {
            try self.database.prepare(sql).rows(arguments).map { row in
                let session = row["session_id"].string.flatMap(Self.sessionID(parsing:))
                let event = JournalEvent(
                    level: JournalEvent.Level(rawValue: row["level"].string ?? "") ?? .info,
                    category: JournalEvent.Category(rawValue: row["category"].string ?? "") ?? .system, source: row["source"].string ?? "",
                    code: row["code"].string ?? "", message: row["message"].string ?? "", sessionID: session,
                    transactionID: row["transaction_id"].string != nil ? session.map(TransactionID.init(session:)) : nil,
                    delivery: row["category"].string == JournalEvent.Category.device.rawValue ? .telemetry : .audit)
                return EventRecord(id: row["id"].int64 ?? 0, at: Self.date(row["at"].int64 ?? 0), event: event, sequence: row["seq"].int64)
            }
        }
    }

    /// Activity per local calendar day, oldest first (`from`/`to` are `yyyy-MM-dd`, inclusive).
    public func dailyStatistics(from: String? = nil, to: String? = nil, service: ServiceCode? = nil) throws(JournalError) -> [DailyStatistics] {
        let low = from ?? "0000-00-00"
        let high = to ?? "9999-99-99"
        return try self.read {
            var days: [String: DailyStatistics] = [:]
            func blank(_ day: String) -> DailyStatistics {
                DailyStatistics(
                    day: day, sessions: 0, sessionsCompleted: 0, transactions: 0, completed: 0, cancelled: 0, failed: 0, needsAttention: 0,
                    resolved: 0, amountPaid: .zero, credit: .zero)
            }
            let serviceFilter = service == nil ? "" : " AND service = ?"
            let serviceArgument: [any SQLiteBindable] = service.map { [$0.rawValue] } ?? []
            for row in try self.database.prepare(
                "SELECT day, count(*), sum(outcome = 'completed') FROM sessions WHERE day >= ? AND day <= ?\(serviceFilter) GROUP BY day"
            ).rows([low, high] + serviceArgument) {
                let day = row[0].string ?? ""
                var entry = days[day] ?? blank(day)
                entry.sessions = Int(row[1].int64 ?? 0)
                entry.sessionsCompleted = Int(row[2].int64 ?? 0)
                days[day] = entry
            }
            for row in try self.database.prepare(
                """
                SELECT day, count(*), sum(state = 'completed'), sum(state = 'cancelled'), sum(state = 'failed'),
                    sum(state = 'needsAttention'), sum(state = 'resolved'), sum(amount_paid), sum(credit), sum(certificate = 'printed'),
                    sum(amount_paid > 0)
                FROM transactions WHERE day >= ? AND day <= ?\(serviceFilter) GROUP BY day
                """
            ).rows([low, high] + serviceArgument) {
                let day = row[0].string ?? ""
                var entry = days[day] ?? blank(day)
                entry.transactions = Int(row[1].int64 ?? 0)
                entry.completed = Int(row[2].int64 ?? 0)
                entry.cancelled = Int(row[3].int64 ?? 0)
                entry.failed = Int(row[4].int64 ?? 0)
                entry.needsAttention = Int(row[5].int64 ?? 0)
                entry.resolved = Int(row[6].int64 ?? 0)
                entry.amountPaid = Money(fen: row[7].int64 ?? 0)
                entry.credit = Money(fen: row[8].int64 ?? 0)
                entry.proofsPrinted = Int(row[9].int64 ?? 0)
                entry.payments = Int(row[10].int64 ?? 0)
                days[day] = entry
            }
            // Causes: a visit's refusals and failures by code and reason; device and system
            // faults (error and worse) by code and source. Operator actions are not failures.
            let sessionFilter = service == nil ? "" : " AND session_id IN (SELECT id FROM sessions WHERE service = ?)"
            for row in try self.database.prepare(
                """
                SELECT day, code, CASE WHEN category = 'session' THEN message ELSE source END AS detail, count(*) AS n
                FROM events WHERE day >= ? AND day <= ?
                    AND ((category = 'session' AND level IN ('warning', 'error', 'critical'))
                        OR (category IN ('device', 'system') AND level IN ('error', 'critical')))\(sessionFilter)
                GROUP BY day, code, detail ORDER BY day, n DESC, code, detail
                """
            ).rows([low, high] + serviceArgument) {
                let day = row[0].string ?? ""
                var entry = days[day] ?? blank(day)
                entry.failures.append(FailureCause(code: row[1].string ?? "", detail: row[2].string ?? "", count: Int(row[3].int64 ?? 0)))
                days[day] = entry
            }
            return days.values.sorted { $0.day < $1.day }
        }
    }

    /// Visits, newest first, without personal data (for the control API's recent sessions).
    public func sessions(matching query: SessionQuery) throws(JournalError) -> [SessionRecord] {
        var conditions: [String] = []
        var arguments: [any SQLiteBindable] = []
        if let from = query.from {
            conditions.append("started_at >= ?")
            arguments.append(Self.milliseconds(from))
        }
        if let to = query.to {
            conditions.append("started_at < ?")
            arguments.append(Self.milliseconds(to))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(max(1, query.limit))
        let sql = """
            SELECT id, started_at, day, ended_at, outcome, service, card_type FROM sessions
            \(whereClause) ORDER BY started_at DESC, number DESC LIMIT ?
            """
        return try self.read {
            try self.database.prepare(sql).rows(arguments).map { row in
                SessionRecord(
                    id: row["id"].string ?? "", startedAt: Self.date(row["started_at"].int64 ?? 0), day: row["day"].string ?? "",
                    endedAt: row["ended_at"].int64.map(Self.date), outcome: row["outcome"].string.flatMap(SessionOutcome.init(rawValue:)),
                    service: row["service"].string.map(ServiceCode.init(rawValue:)), cardType: row["card_type"].string.flatMap(CardType.init(rawValue:)))
            }
        }
    }

    /// Parses `HS-0001-000042` back into a session id (the number is the part after the last `-`).
    static func sessionID(parsing text: String) -> SessionID? {
        guard let dash = text.lastIndex(of: "-"), let number = UInt64(text[text.index(after: dash)...]) else { return nil }
        return SessionID(kioskID: String(text[..<dash]), number: number)
    }
}
